package io.argus.forecaster;

import io.argus.common.ProgressListener;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The forecasting methods Argus offers, by the names used in reports, on the command line and on the topic. */
public enum ForecastMethod {
  SEASONAL_NAIVE(SeasonalNaive.NAME),
  HOLT_WINTERS(HoltWinters.NAME),
  LSTM(LstmForecaster.NAME);

  private final String id;

  ForecastMethod(String id) {
    this.id = id;
  }

  /** {@code seasonal_naive}, {@code holt_winters} or {@code lstm}. */
  public String id() {
    return id;
  }

  /** A new, unfitted forecaster of this method that reports no progress. */
  public Forecaster create(int period, int horizon, LstmSettings lstmSettings) {
    return create(period, horizon, lstmSettings, ProgressListener.SILENT);
  }

  /** A new, unfitted forecaster of this method; the LSTM reports its training epochs to {@code progress}. */
  public Forecaster create(int period, int horizon, LstmSettings lstmSettings, ProgressListener progress) {
    return switch (this) {
      case SEASONAL_NAIVE -> new SeasonalNaive(period, horizon);
      case HOLT_WINTERS -> new HoltWinters(period, horizon);
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

  private static String ids() {
    return Arrays.stream(values()).map(ForecastMethod::id).collect(Collectors.joining(", "));
  }
}
