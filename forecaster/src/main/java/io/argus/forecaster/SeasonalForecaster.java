package io.argus.forecaster;

/** What the forecasters share: their name, period and horizon, checked once, and the check of a history. */
abstract class SeasonalForecaster implements Forecaster {

  final int period;
  final int horizon;
  private final String name;

  SeasonalForecaster(String name, int period, int horizon) {
    requirePeriodAndHorizon(period, horizon);
    this.name = name;
    this.period = period;
    this.horizon = horizon;
  }

  static void requirePeriodAndHorizon(int period, int horizon) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be at least 1 step, got " + period);
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1 step, got " + horizon);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int period() {
    return period;
  }

  @Override
  public int horizon() {
    return horizon;
  }

  /**
   * The one-step-ahead errors of the model fitted on {@code series[0, end)} at every point of it, {@code NaN} where it
   * makes no one-step forecast (for {@link Combination}, which weighs its parts' errors); {@link #fit} came first.
   */
  double[] inSampleErrors(double[] series, int end) {
    throw new UnsupportedOperationException(name + " does not give its in-sample errors");
  }

  /** {@code series[0, end)} exists and holds at least the minimum history. */
  void requireHistory(double[] series, int end) {
    if (end > series.length || end < minimumHistory()) {
      throw new IllegalArgumentException(name + " needs at least " + minimumHistory() + " points of history, got "
          + end + " (series of " + series.length + ")");
    }
  }
}
