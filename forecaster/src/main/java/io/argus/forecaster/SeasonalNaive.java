package io.argus.forecaster;

/**
 * The seasonal naive forecast: each point repeats the value one period earlier. It has no parameters, and it is the
 * yardstick of MASE: a method worth running beats it. With a period of one it is the naive forecast
 * ({@link #naive}): every point repeats the last value.
 *
 * <p>Its error model is the seasonal random walk's: the one-step error's standard deviation is the root mean square
 * of the in-sample seasonal differences, and {@code h} steps ahead it grows with the number of whole periods the
 * forecast reaches into, {@code sigma * sqrt(floor((h - 1) / period) + 1)} (Hyndman and Athanasopoulos,
 * <i>Forecasting: Principles and Practice</i>, section 5.5).
 */
public final class SeasonalNaive extends SeasonalForecaster {

  public static final String NAME = "seasonal_naive";
  public static final String NAIVE_NAME = "naive";

  private double residualStandardDeviation = Double.NaN;
  private int residuals;

  public SeasonalNaive(int period, int horizon) {
    this(NAME, period, horizon);
  }

  private SeasonalNaive(String name, int period, int horizon) {
    super(name, period, horizon);
  }

  /** The naive forecast: every point repeats the last value. */
  public static SeasonalNaive naive(int horizon) {
    return new SeasonalNaive(NAIVE_NAME, 1, horizon);
  }

  /** One period to repeat and one more value to measure an error. */
  @Override
  public int minimumHistory() {
    return period + 1;
  }

  @Override
  public void fit(double[] series, int end) {
    requireHistory(series, end);
    double sum = 0;
    for (int t = period; t < end; t++) {
      double difference = series[t] - series[t - period];
      sum += difference * difference;
    }
    residuals = end - period;
    residualStandardDeviation = Math.sqrt(sum / residuals);
  }

  @Override
  public double[] forecast(double[] series, int origin) {
    requireHistory(series, origin);
    double[] points = new double[horizon];
    for (int step = 0; step < horizon; step++) {
      points[step] = series[origin - period + step % period];
    }
    return points;
  }

  @Override
  double[] inSampleErrors(double[] series, int end) {
    double[] errors = new double[end];
    for (int t = 0; t < end; t++) {
      errors[t] = t >= period ? series[t] - series[t - period] : Double.NaN;
    }
    return errors;
  }

  @Override
  public boolean hasErrorModel() {
    return true;
  }

  /** The seasonal random walk's deviations; as many degrees of freedom as seasonal differences (no parameters). */
  @Override
  public ErrorModel errorModel() {
    if (Double.isNaN(residualStandardDeviation)) {
      throw new IllegalStateException(name() + ": fit before asking for the error model");
    }
    double[] deviations = new double[horizon];
    for (int step = 0; step < horizon; step++) {
      deviations[step] = residualStandardDeviation * Math.sqrt(step / period + 1);
    }
    return new ErrorModel(deviations, residuals);
  }
}
