package io.argus.forecaster;

/**
 * A point forecaster of one univariate series with a fixed period and horizon. {@link #fit} learns parameters
 * from a prefix of the series; {@link #forecast} then forecasts the {@code horizon} points after any origin from the
 * values before it, without refitting (as the live forecaster does between retrains and the backtest does over its
 * rolling origins). Positions in the series are absolute, so a seasonal phase is {@code index % period}; callers
 * that drop old values drop whole periods. Instances are not thread-safe.
 */
public interface Forecaster {

  /** The method's name in reports and on the {@code forecasts} topic, for example {@code holt_winters}. */
  String name();

  /** The seasonal period, in points. */
  int period();

  /** How many points {@link #forecast} returns. */
  int horizon();

  /** The fewest points {@link #fit} accepts. */
  int minimumHistory();

  /** Learns the parameters from {@code series[0, end)}. */
  void fit(double[] series, int end);

  /** Forecasts {@code series[origin, origin + horizon)} from {@code series[0, origin)}; {@link #fit} came first. */
  double[] forecast(double[] series, int origin);

  /**
   * Whether the method's fitted model implies the variance of its own forecast errors ({@link #errorModel}), so
   * that it has intervals on a history too short to hold residuals out for calibration. Seasonal naive and
   * Holt-Winters do; the LSTM does not.
   */
  default boolean hasErrorModel() {
    return false;
  }

  /**
   * The standard deviation of the forecast error at each of the {@code horizon} steps ahead, as the fitted model
   * implies it from its in-sample one-step errors, with their degrees of freedom; {@link #fit} came first.
   *
   * @throws UnsupportedOperationException when {@link #hasErrorModel()} is false
   */
  default ErrorModel errorModel() {
    throw new UnsupportedOperationException(name() + " has no error model: calibrate its intervals on held-out "
        + "residuals");
  }
}
