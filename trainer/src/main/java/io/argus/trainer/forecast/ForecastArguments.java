package io.argus.trainer.forecast;

/** Argument checks shared by the forecasters; each failure names the offending value. */
final class ForecastArguments {

  private ForecastArguments() {
  }

  static void requirePeriodAndHorizon(int period, int horizon) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be at least 1 step, got " + period);
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1 step, got " + horizon);
    }
  }

  /** {@code series[0, end)} exists and holds at least the forecaster's minimum history. */
  static void requireHistory(Forecaster forecaster, double[] series, int end) {
    if (end > series.length || end < forecaster.minimumHistory()) {
      throw new IllegalArgumentException(forecaster.name() + " needs at least " + forecaster.minimumHistory()
          + " points of history, got " + end + " (series of " + series.length + ")");
    }
  }
}
