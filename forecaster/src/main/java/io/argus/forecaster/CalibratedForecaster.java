package io.argus.forecaster;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A forecaster with prediction intervals, from one of two sources chosen by how much history there is.
 *
 * <ul>
 *   <li>{@link IntervalSource#RESIDUALS Calibrated residuals} (split conformal prediction), whenever the history can
 *       spare a held-out part: the model is fitted on the older part, forecasts from many origins inside the recent
 *       part, and the empirical quantiles of its errors at each step ahead become the interval offsets. Honest for
 *       any method, because every residual is out of sample; as wide at night as at noon (the errors are pooled over
 *       the period).
 *   <li>{@link IntervalSource#MODEL The model's own variance}, on a shorter history, for a method that has an error
 *       model ({@link Forecaster#hasErrorModel()}: seasonal naive, Holt-Winters): the model is fitted on the whole
 *       history and the interval is the mean plus or minus Student's t quantile (with the degrees of freedom of the
 *       model's variance) times the standard deviation it implies at each step ahead, widened if the model's own
 *       forecasts from earlier origins in the history missed by more. A method without one (the LSTM) needs the
 *       longer history.
 * </ul>
 */
public final class CalibratedForecaster {

  /** Where the intervals of a fitted forecaster come from. */
  public enum IntervalSource {
    /** Empirical quantiles of out-of-sample residuals. */
    RESIDUALS("residuals"),
    /** Student's t quantiles of the model's own error variance. */
    MODEL("model");

    private final String id;

    IntervalSource(String id) {
      this.id = id;
    }

    /** {@code residuals} or {@code model}, as reports name it. */
    public String id() {
      return id;
    }
  }

  /**
   * Share of the history held out for calibration; the held-out part also spans at least one whole period (so the
   * residuals come from every phase of it) and {@link #MINIMUM_CALIBRATION_ORIGINS} origins.
   */
  private static final double CALIBRATION_FRACTION = 0.2;
  private static final int MINIMUM_CALIBRATION_ORIGINS = 50;
  private static final int MAXIMUM_CALIBRATION_ORIGINS = 500;
  /** The fewest errors from earlier origins that can widen a model's own intervals. */
  private static final int MINIMUM_WIDENING_ERRORS = 20;

  private final Forecaster model;
  private final double level;
  private final IntervalSource source;
  private final double[] lowerOffsets;
  private final double[] upperOffsets;

  private CalibratedForecaster(Forecaster model, double level, IntervalSource source, double[] lowerOffsets,
      double[] upperOffsets) {
    this.model = model;
    this.level = level;
    this.source = source;
    this.lowerOffsets = lowerOffsets;
    this.upperOffsets = upperOffsets;
  }

  /**
   * The fewest points {@link #fit} accepts for this model: its own minimum when it has an error model, else its
   * minimum plus the calibration part.
   */
  public static int minimumHistory(Forecaster model) {
    return model.hasErrorModel() ? model.minimumHistory() : minimumCalibratedHistory(model);
  }

  /** The fewest points from which the intervals come from calibrated residuals. */
  public static int minimumCalibratedHistory(Forecaster model) {
    return model.minimumHistory() + minimumCalibrationOrigins(model) + model.horizon() - 1;
  }

  private static int minimumCalibrationOrigins(Forecaster model) {
    return Math.max(model.period(), MINIMUM_CALIBRATION_ORIGINS);
  }

  /**
   * Fits {@code model} with intervals at {@code level} (for example 0.9) on {@code series[0, end)}: on
   * {@code series[0, split)} with intervals calibrated on forecasts from origins in {@code [split, end - horizon]}
   * when {@code end} reaches {@link #minimumCalibratedHistory}, else on all of it with the model's own variance.
   */
  public static CalibratedForecaster fit(Forecaster model, double[] series, int end, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("interval level must be in (0, 1), got " + level);
    }
    if (end > series.length || end < minimumHistory(model)) {
      throw new IllegalArgumentException(model.name() + " with " + (model.hasErrorModel() ? "" : "calibrated ")
          + "intervals needs at least " + minimumHistory(model) + " points of history, got " + end);
    }
    return end >= minimumCalibratedHistory(model) ? calibrated(model, series, end, level)
        : modelVariance(model, series, end, level);
  }

  private static CalibratedForecaster calibrated(Forecaster model, double[] series, int end, double level) {
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
    return new CalibratedForecaster(model, level, IntervalSource.RESIDUALS, lowerOffsets, upperOffsets);
  }

  private static CalibratedForecaster modelVariance(Forecaster model, double[] series, int end, double level) {
    model.fit(series, end);
    ErrorModel errors = model.errorModel();
    double quantile = new TDistribution(errors.degreesOfFreedom()).inverseCumulativeProbability((1 + level) / 2);
    double[] deviations = errors.standardDeviations();
    double widening = widening(model, series, end, deviations, quantile, level);
    double[] lowerOffsets = new double[deviations.length];
    double[] upperOffsets = new double[deviations.length];
    for (int step = 0; step < deviations.length; step++) {
      lowerOffsets[step] = -widening * quantile * deviations[step];
      upperOffsets[step] = widening * quantile * deviations[step];
    }
    return new CalibratedForecaster(model, level, IntervalSource.MODEL, lowerOffsets, upperOffsets);
  }

  /**
   * How much wider than the model says its intervals must be to cover {@code level} of its own misses from the
   * earlier origins the history holds (its parameters as fitted, its state as it was at each origin): the
   * empirical {@code level} quantile of the errors in units of the model's standard deviation, over the t
   * quantile; never below 1, and 1 when the history holds fewer than {@link #MINIMUM_WIDENING_ERRORS} such errors.
   */
  static double widening(Forecaster model, double[] series, int end, double[] deviations, double quantile,
      double level) {
    int horizon = model.horizon();
    int first = model.minimumHistory();
    int last = end - horizon;
    if (last < first) {
      return 1;
    }
    int stride = Math.max(1, (last - first + 1) / MAXIMUM_CALIBRATION_ORIGINS);
    int origins = (last - first) / stride + 1;
    if (origins * horizon < MINIMUM_WIDENING_ERRORS) {
      return 1;
    }
    double[] standardised = new double[origins * horizon];
    for (int i = 0; i < origins; i++) {
      int origin = first + i * stride;
      double[] points = model.forecast(series, origin);
      for (int step = 0; step < horizon; step++) {
        standardised[i * horizon + step] = Math.abs(series[origin + step] - points[step]) / deviations[step];
      }
    }
    Arrays.sort(standardised);
    double observed = standardised[Math.min(standardised.length - 1,
        (int) Math.ceil((standardised.length + 1) * level) - 1)];
    return Math.max(1, observed / quantile);
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

  /** Where this forecaster's intervals come from. */
  public IntervalSource intervals() {
    return source;
  }
}
