package io.argus.forecaster;

/**
 * The accuracy measures of the M4 competition, for one forecast of {@code horizon} points: MASE (mean absolute
 * error scaled by the in-sample error of the seasonal naive forecast, so 1.0 means "as good as repeating the last
 * period"), sMAPE (symmetric mean absolute percentage error, in percent, 0 to 200) and the coverage of a prediction
 * interval (the share of actual values inside it).
 */
public final class ForecastMetrics {

  private ForecastMetrics() {
  }

  /**
   * Mean absolute scaled error: {@code mean|actual - forecast| / scale}.
   *
   * @param scale the in-sample seasonal naive error, from {@link #seasonalNaiveScale}
   */
  public static double mase(double[] actual, double[] forecast, double scale) {
    requireSameLength(actual, forecast, "forecast");
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("MASE needs a positive scale, got " + scale
          + " (a series that repeats exactly every period has no seasonal naive error to scale by)");
    }
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum += Math.abs(actual[i] - forecast[i]);
    }
    return sum / actual.length / scale;
  }

  /**
   * The mean absolute error of the seasonal naive forecast inside {@code series[0, end)}:
   * {@code mean|y[t] - y[t - period]|} for {@code t} in {@code [period, end)}.
   */
  public static double seasonalNaiveScale(double[] series, int end, int period) {
    if (period < 1 || end <= period || end > series.length) {
      throw new IllegalArgumentException("the seasonal naive scale needs more than one period (" + period
          + ") of history, got " + end + " of " + series.length + " points");
    }
    double sum = 0;
    for (int t = period; t < end; t++) {
      sum += Math.abs(series[t] - series[t - period]);
    }
    return sum / (end - period);
  }

  /**
   * Symmetric MAPE in percent: {@code 200 / n * sum |a - f| / (|a| + |f|)}; a point where both are zero counts as
   * a perfect forecast (0), as in the M4 competition's code.
   */
  public static double smape(double[] actual, double[] forecast) {
    requireSameLength(actual, forecast, "forecast");
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      double denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
      if (denominator > 0) {
        sum += Math.abs(actual[i] - forecast[i]) / denominator;
      }
    }
    return 200.0 * sum / actual.length;
  }

  /** The share of actual values inside {@code [lower, upper]}, bounds included. */
  public static double coverage(double[] actual, double[] lower, double[] upper) {
    requireSameLength(actual, lower, "lower bounds");
    requireSameLength(actual, upper, "upper bounds");
    int inside = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] >= lower[i] && actual[i] <= upper[i]) {
        inside++;
      }
    }
    return (double) inside / actual.length;
  }

  private static void requireSameLength(double[] actual, double[] other, String what) {
    if (actual.length == 0 || actual.length != other.length) {
      throw new IllegalArgumentException("need as many " + what + " as actual values, and at least one: got "
          + other.length + " for " + actual.length);
    }
  }
}
