package io.argus.forecaster;

import java.util.List;

/**
 * The equal-weight combination of the naive forecast, seasonal naive and Holt-Winters with a damped trend
 * ({@code combination}): each point is the mean of the three. Combining simple methods is the most robust choice the
 * forecasting competitions found for short, noisy series (the M4 competition's "Comb" benchmark averages three
 * exponential smoothing methods); here each part covers another's weakness: the naive forecast follows a recent
 * change of level, seasonal naive keeps last year's shape, Holt-Winters smooths both.
 *
 * <p>Its error model: the mean of the parts' standard deviations at each step ahead (what it would be were their
 * errors perfectly correlated, with the fewest degrees of freedom among them), shrunk by the ratio of the combination's in-sample one-step error to the mean of the
 * parts' (their root mean squares over the points where all three forecast), since the parts' errors partly cancel.
 */
public final class Combination extends SeasonalForecaster {

  public static final String NAME = "combination";

  private final List<SeasonalForecaster> parts;
  private double shrinkage = Double.NaN;

  public Combination(int period, int horizon) {
    super(NAME, period, horizon);
    this.parts = List.of(SeasonalNaive.naive(horizon), new SeasonalNaive(period, horizon),
        HoltWinters.damped(period, horizon));
  }

  /** What its parts need: Holt-Winters' two periods. */
  @Override
  public int minimumHistory() {
    return parts.stream().mapToInt(Forecaster::minimumHistory).max().orElseThrow();
  }

  @Override
  public void fit(double[] series, int end) {
    requireHistory(series, end);
    for (SeasonalForecaster part : parts) {
      part.fit(series, end);
    }
    double[][] errors = new double[parts.size()][];
    for (int i = 0; i < parts.size(); i++) {
      errors[i] = parts.get(i).inSampleErrors(series, end);
    }
    double combinedSquares = 0;
    double[] partSquares = new double[parts.size()];
    int count = 0;
    for (int t = 0; t < end; t++) {
      double combined = 0;
      boolean everyPart = true;
      for (double[] partErrors : errors) {
        everyPart &= !Double.isNaN(partErrors[t]);
        combined += partErrors[t] / parts.size();
      }
      if (everyPart) {
        combinedSquares += combined * combined;
        for (int i = 0; i < parts.size(); i++) {
          partSquares[i] += errors[i][t] * errors[i][t];
        }
        count++;
      }
    }
    double meanPartDeviation = 0;
    for (double squares : partSquares) {
      meanPartDeviation += Math.sqrt(squares / count) / parts.size();
    }
    shrinkage = meanPartDeviation > 0 ? Math.min(1, Math.sqrt(combinedSquares / count) / meanPartDeviation) : 1;
  }

  @Override
  public double[] forecast(double[] series, int origin) {
    requireHistory(series, origin);
    double[] points = new double[horizon];
    for (SeasonalForecaster part : parts) {
      double[] partPoints = part.forecast(series, origin);
      for (int step = 0; step < horizon; step++) {
        points[step] += partPoints[step] / parts.size();
      }
    }
    return points;
  }

  @Override
  public boolean hasErrorModel() {
    return true;
  }

  /** The shrunk mean of the parts' deviations, with the fewest degrees of freedom among them. */
  @Override
  public ErrorModel errorModel() {
    if (Double.isNaN(shrinkage)) {
      throw new IllegalStateException(NAME + ": fit before asking for the error model");
    }
    double[] deviations = new double[horizon];
    int degreesOfFreedom = Integer.MAX_VALUE;
    for (SeasonalForecaster part : parts) {
      ErrorModel partModel = part.errorModel();
      for (int step = 0; step < horizon; step++) {
        deviations[step] += shrinkage * partModel.standardDeviations()[step] / parts.size();
      }
      degreesOfFreedom = Math.min(degreesOfFreedom, partModel.degreesOfFreedom());
    }
    return new ErrorModel(deviations, degreesOfFreedom);
  }
}
