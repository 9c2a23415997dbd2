package io.argus.forecaster;

import io.argus.common.ProgressListener;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The forecasting methods Argus offers, by the names used in reports, on the command line and on the topic. */
public enum ForecastMethod {
  NAIVE(SeasonalNaive.NAIVE_NAME),
  SEASONAL_NAIVE(SeasonalNaive.NAME),
  HOLT_WINTERS(HoltWinters.NAME),
  HOLT_WINTERS_DAMPED(HoltWinters.DAMPED_NAME),
  /** The mean of naive, seasonal naive and damped Holt-Winters. */
  COMBINATION(Combination.NAME),
  /** The method a backtest on the history chooses, among {@link AutomaticForecaster#DEFAULT_CANDIDATES}. */
  AUTO(AutomaticForecaster.NAME),
  LSTM(LstmForecaster.NAME);

  private final String id;

  ForecastMethod(String id) {
    this.id = id;
  }

  /**
   * {@code naive}, {@code seasonal_naive}, {@code holt_winters}, {@code holt_winters_damped}, {@code combination},
   * {@code auto} or {@code lstm}.
   */
  public String id() {
    return id;
  }

  /** A new, unfitted forecaster of this method that reports no progress. */
  public Forecaster create(int period, int horizon, LstmSettings lstmSettings) {
    return create(period, horizon, lstmSettings, ProgressListener.SILENT);
  }

  /**
   * A new, unfitted forecaster of this method; the LSTM reports its training epochs to {@code progress}. The naive
   * method ignores the period.
   */
  public Forecaster create(int period, int horizon, LstmSettings lstmSettings, ProgressListener progress) {
    return switch (this) {
      case NAIVE -> SeasonalNaive.naive(horizon);
      case SEASONAL_NAIVE -> new SeasonalNaive(period, horizon);
      case HOLT_WINTERS -> new HoltWinters(period, horizon);
      case HOLT_WINTERS_DAMPED -> HoltWinters.damped(period, horizon);
      case COMBINATION -> new Combination(period, horizon);
      case AUTO -> new AutomaticForecaster(period, horizon, AutomaticForecaster.DEFAULT_CANDIDATES, lstmSettings);
      case LSTM -> new LstmForecaster(period, horizon, lstmSettings, progress);
    };
  }

  /** The method named {@code id}. */
  public static ForecastMethod byId(String id) {
    for (ForecastMethod method : values()) {
      if (method.id.equals(id)) {
        return method;
      }
    }
    throw new IllegalArgumentException("unknown forecasting method '" + id + "'; known: " + ids());
  }

  /** Every method's id, in order, separated by commas. */
  public static String ids() {
    return Arrays.stream(values()).map(ForecastMethod::id).collect(Collectors.joining(", "));
  }
}
