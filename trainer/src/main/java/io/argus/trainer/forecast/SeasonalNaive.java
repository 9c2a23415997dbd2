package io.argus.trainer.forecast;

/**
 * The seasonal naive forecast: each point repeats the value one period earlier. It has no parameters, and it is the
 * yardstick of MASE: a method worth running beats it.
 */
public final class SeasonalNaive implements Forecaster {

  public static final String NAME = "seasonal_naive";

  private final int period;
  private final int horizon;

  public SeasonalNaive(int period, int horizon) {
    ForecastArguments.requirePeriodAndHorizon(period, horizon);
    this.period = period;
    this.horizon = horizon;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int period() {
    return period;
  }

  @Override
  public int horizon() {
    return horizon;
  }

  @Override
  public int minimumHistory() {
    return period;
  }

  @Override
  public void fit(double[] series, int end) {
    ForecastArguments.requireHistory(this, series, end);
  }

  @Override
  public double[] forecast(double[] series, int origin) {
    ForecastArguments.requireHistory(this, series, origin);
    double[] points = new double[horizon];
    for (int step = 0; step < horizon; step++) {
      points[step] = series[origin - period + step % period];
    }
    return points;
  }
}
