package io.argus.forecaster;

import java.util.Arrays;

/**
 * A forecaster with prediction intervals from calibrated residuals (split conformal prediction): the model is
 * fitted on the older part of the history, then forecasts from many origins inside the held-out recent part, and
 * the empirical quantiles of its errors at each step ahead become the interval offsets. The intervals are honest
 * for the model as fitted, whatever the method, because every residual is out of sample; they are as wide at
 * night as at noon (the errors are pooled over the period).
 */
public final class CalibratedForecaster {

  /**
   * Share of the history held out for calibration; the held-out part also spans at least one whole period (so the
   * residuals come from every phase of it) and {@link #MINIMUM_CALIBRATION_ORIGINS} origins.
   */
  private static final double CALIBRATION_FRACTION = 0.2;
  private static final int MINIMUM_CALIBRATION_ORIGINS = 50;
  private static final int MAXIMUM_CALIBRATION_ORIGINS = 500;

  private final Forecaster model;
  private final double level;
  private final double[] lowerOffsets;
  private final double[] upperOffsets;

  private CalibratedForecaster(Forecaster model, double level, double[] lowerOffsets, double[] upperOffsets) {
    this.model = model;
    this.level = level;
    this.lowerOffsets = lowerOffsets;
    this.upperOffsets = upperOffsets;
  }

  /** The fewest points {@link #fit} accepts for this model: its own minimum plus the calibration part. */
  public static int minimumHistory(Forecaster model) {
    return model.minimumHistory() + minimumCalibrationOrigins(model) + model.horizon() - 1;
  }

  private static int minimumCalibrationOrigins(Forecaster model) {
    return Math.max(model.period(), MINIMUM_CALIBRATION_ORIGINS);
  }

  /**
   * Fits {@code model} on {@code series[0, split)} and calibrates intervals at {@code level} (for example 0.9) on
   * forecasts from origins in {@code [split, end - horizon]}.
   */
  public static CalibratedForecaster fit(Forecaster model, double[] series, int end, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("interval level must be in (0, 1), got " + level);
    }
    if (end > series.length || end < minimumHistory(model)) {
      throw new IllegalArgumentException(model.name() + " with calibrated intervals needs at least "
          + minimumHistory(model) + " points of history, got " + end);
    }
    int horizon = model.horizon();
    int calibrationLength = (int) Math.round(CALIBRATION_FRACTION * end);
    calibrationLength = Math.max(calibrationLength, minimumCalibrationOrigins(model) + horizon - 1);
    calibrationLength = Math.min(calibrationLength, end - model.minimumHistory());
    int split = end - calibrationLength;
    model.fit(series, split);

    int lastOrigin = end - horizon;
    int stride = Math.max(1, (lastOrigin - split + 1) / MAXIMUM_CALIBRATION_ORIGINS);
    int origins = (lastOrigin - split) / stride + 1;
    double[][] residuals = new double[horizon][origins];
    for (int i = 0; i < origins; i++) {
      int origin = split + i * stride;
      double[] points = model.forecast(series, origin);
      for (int step = 0; step < horizon; step++) {
        residuals[step][i] = series[origin + step] - points[step];
      }
    }
    double tail = (1 - level) / 2;
    double[] lowerOffsets = new double[horizon];
    double[] upperOffsets = new double[horizon];
    for (int step = 0; step < horizon; step++) {
      double[] sorted = residuals[step];
      Arrays.sort(sorted);
      lowerOffsets[step] = sorted[Math.max(0, (int) Math.floor((origins + 1) * tail) - 1)];
      upperOffsets[step] = sorted[Math.min(origins - 1, (int) Math.ceil((origins + 1) * (1 - tail)) - 1)];
    }
    return new CalibratedForecaster(model, level, lowerOffsets, upperOffsets);
  }

  /** The forecast of {@code series[origin, origin + horizon)} from {@code series[0, origin)}, with its interval. */
  public Prediction forecast(double[] series, int origin) {
    double[] mean = model.forecast(series, origin);
    double[] lower = new double[mean.length];
    double[] upper = new double[mean.length];
    for (int step = 0; step < mean.length; step++) {
      lower[step] = mean[step] + lowerOffsets[step];
      upper[step] = mean[step] + upperOffsets[step];
    }
    return new Prediction(mean, lower, upper, level);
  }

  public String name() {
    return model.name();
  }
}
