package io.argus.forecaster;

/**
 * The seasonal naive forecast: each point repeats the value one period earlier. It has no parameters, and it is the
 * yardstick of MASE: a method worth running beats it.
 */
public final class SeasonalNaive extends SeasonalForecaster {

  public static final String NAME = "seasonal_naive";

  public SeasonalNaive(int period, int horizon) {
    super(NAME, period, horizon);
  }

  @Override
  public int minimumHistory() {
    return period;
  }

  @Override
  public void fit(double[] series, int end) {
    requireHistory(series, end);
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
}
