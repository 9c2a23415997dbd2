package io.argus.forecaster;

import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rolling-origin evaluation of forecasting methods on one series (Tashman 2000). From each origin a method forecasts
 * the next {@code horizon} points from the data before it; its parameters come from its latest fit, made at an
 * earlier origin (or this one) on all the data before that origin, with its intervals ({@link CalibratedForecaster}).
 * Each forecast gets a MASE, a sMAPE and an interval coverage; a method's scores are their means over its origins, as
 * in the M4 competition.
 *
 * <p>Every series needs two full seasons plus the horizon: two seasons are the least any seasonal method fits on, and
 * the first origin is never earlier. Each method then starts at the first origin where its own minimum history is met
 * ({@link CalibratedForecaster#minimumHistory}); a method whose minimum no origin meets is {@link Skipped skipped},
 * with the reason, and the others are scored. {@link Settings#forLength} chooses the protocol by the series' length:
 *
 * <ul>
 *   <li>a <b>short series</b>, fewer than {@value #SHORT_SERIES_SEASONS} seasons (a few years of weekly data, a week of
 *       hourly data): every origin from two seasons on (at most {@value #MAXIMUM_SHORT_SERIES_ORIGINS}, evenly
 *       spaced), each method refitted every season;
 *   <li>a <b>long series</b>: origins every {@code horizon} points through the last fifth, each method fitted once
 *       before its first origin.
 * </ul>
 */
public final class Backtest {

  /** A series of fewer seasons than this is short. */
  static final int SHORT_SERIES_SEASONS = 10;
  static final int MAXIMUM_SHORT_SERIES_ORIGINS = 500;
  static final double LONG_SERIES_TEST_FRACTION = 0.2;

  private Backtest() {
  }

  /**
   * How to evaluate.
   *
   * @param testFraction the share of the series, at its end, that holds the forecast origins (1: every origin after
   *     the two seasons of minimum training)
   * @param stride points between consecutive origins ({@code horizon}: forecasts that do not overlap)
   * @param refitEvery a method is refitted at the first origin at least this many points after its last fit (0:
   *     fitted once, at its first origin)
   */
  public record Settings(int period, int horizon, double level, double testFraction, int stride, int refitEvery) {
    public Settings {
      SeasonalForecaster.requirePeriodAndHorizon(period, horizon);
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException("interval level must be in (0, 1), got " + level);
      }
      if (!(testFraction > 0 && testFraction <= 1)) {
        throw new IllegalArgumentException("test fraction must be in (0, 1], got " + testFraction);
      }
      if (stride < 1) {
        throw new IllegalArgumentException("stride must be at least 1, got " + stride);
      }
      if (refitEvery < 0) {
        throw new IllegalArgumentException("refit interval must be 0 (fit once) or more, got " + refitEvery);
      }
    }

    /**
     * The protocol for a series of {@code length} points: on a short series every origin after two seasons (evenly
     * spaced, at most {@value #MAXIMUM_SHORT_SERIES_ORIGINS}), refitted every season; on a long one, origins every
     * horizon through the last fifth, fitted once.
     */
    public static Settings forLength(int length, int period, int horizon, double level) {
      SeasonalForecaster.requirePeriodAndHorizon(period, horizon);
      if (isShort(length, period)) {
        int candidates = Math.max(1, length - horizon - 2 * period + 1);
        int stride = (candidates + MAXIMUM_SHORT_SERIES_ORIGINS - 1) / MAXIMUM_SHORT_SERIES_ORIGINS;
        return new Settings(period, horizon, level, 1, stride, period);
      }
      return new Settings(period, horizon, level, LONG_SERIES_TEST_FRACTION, horizon, 0);
    }

    /** Whether a series of {@code length} points counts as short: fewer than ten seasons. */
    public static boolean isShort(int length, int period) {
      return length < (long) SHORT_SERIES_SEASONS * period;
    }

    public Settings withTestFraction(double value) {
      return new Settings(period, horizon, level, value, stride, refitEvery);
    }

    public Settings withStride(int value) {
      return new Settings(period, horizon, level, testFraction, value, refitEvery);
    }

    public Settings withRefitEvery(int value) {
      return new Settings(period, horizon, level, testFraction, stride, value);
    }

    /** Two full seasons: the least training data before any origin. */
    public int minimumTraining() {
      return 2 * period;
    }

    /** The shortest series that can be backtested: two full seasons plus the horizon. */
    public int minimumLength() {
      return minimumTraining() + horizon;
    }

    /** The first forecast origin in a series of {@code length} points. */
    public int firstOrigin(int length) {
      int testStart = length - (int) Math.round(testFraction * length);
      return Math.max(minimumTraining(), Math.min(testStart, length - horizon));
    }

    /** Every forecast origin in a series of {@code length} points, in order. */
    public int[] origins(int length) {
      int first = firstOrigin(length);
      int last = length - horizon;
      if (last < first) {
        return new int[0];
      }
      int[] origins = new int[(last - first) / stride + 1];
      for (int i = 0; i < origins.length; i++) {
        origins[i] = first + i * stride;
      }
      return origins;
    }
  }

  /** What the backtest says about one method: its scores, or why it could not be scored. */
  public sealed interface Outcome permits Score, Skipped {
    String method();
  }

  /**
   * One method's scores: means over its origins; coverage is of the nominal interval.
   *
   * @param origins how many origins it forecast from (its first is where its minimum history is met)
   * @param fits how many times it was fitted
   * @param intervals where its intervals came from: {@code model}, {@code residuals}, or both over its fits
   * @param fitSeconds the time its fits took, in all
   * @param maseByOrigin its MASE from each of the backtest's origins, {@code NaN} before its first
   */
  public record Score(String method, double mase, double smape, double coverage, int origins, int fits,
      String intervals, double fitSeconds, double[] maseByOrigin) implements Outcome {
  }

  /** A method that could not be backtested on this series, and why, in one sentence. */
  public record Skipped(String method, String reason) implements Outcome {
  }

  /** Every method's outcome on one series, in the order asked for. */
  public record Result(int points, Settings settings, int[] origins, List<Outcome> outcomes) {

    public List<Score> scores() {
      return outcomes.stream().filter(Score.class::isInstance).map(Score.class::cast).toList();
    }

    public List<Skipped> skipped() {
      return outcomes.stream().filter(Skipped.class::isInstance).map(Skipped.class::cast).toList();
    }

    public Optional<Score> score(String method) {
      return scores().stream().filter(score -> score.method().equals(method)).findFirst();
    }

    /**
     * The scored method with the lowest mean MASE over the origins that every scored method forecast from (the
     * first of equals, in the order asked for); empty when none was scored.
     */
    public Optional<Score> best() {
      List<Score> scores = scores();
      boolean[] common = new boolean[origins.length];
      Arrays.fill(common, true);
      for (Score score : scores) {
        for (int i = 0; i < origins.length; i++) {
          common[i] &= !Double.isNaN(score.maseByOrigin()[i]);
        }
      }
      Score best = null;
      double bestMase = Double.POSITIVE_INFINITY;
      for (Score score : scores) {
        double mase = meanOver(score.maseByOrigin(), common);
        if (best == null || mase < bestMase) {
          best = score;
          bestMase = mase;
        }
      }
      return Optional.ofNullable(best);
    }

    /**
     * Two methods' mean MASE over the origins both forecast from, and how many those are:
     * {@code {mase of first, mase of second, origins}}.
     */
    public static double[] onCommonOrigins(Score first, Score second) {
      double[] a = first.maseByOrigin();
      double[] b = second.maseByOrigin();
      boolean[] common = new boolean[a.length];
      int count = 0;
      for (int i = 0; i < a.length; i++) {
        common[i] = !Double.isNaN(a[i]) && !Double.isNaN(b[i]);
        count += common[i] ? 1 : 0;
      }
      return new double[] {meanOver(a, common), meanOver(b, common), count};
    }

    private static double meanOver(double[] values, boolean[] included) {
      double sum = 0;
      int count = 0;
      for (int i = 0; i < values.length; i++) {
        if (included[i]) {
          sum += values[i];
          count++;
        }
      }
      return count == 0 ? Double.NaN : sum / count;
    }
  }

  /**
   * Backtests each of {@code methods} on {@code series}, reporting each method's origins to {@code progress}.
   *
   * @throws IllegalArgumentException when the series is shorter than two seasons plus the horizon, or has no seasonal
   *     naive error to scale MASE by
   */
  public static Result run(List<Forecaster> methods, double[] series, Settings settings, ProgressListener progress) {
    if (series.length < settings.minimumLength()) {
      throw new IllegalArgumentException(tooShort(series.length, settings));
    }
    int[] origins = settings.origins(series.length);
    double[] scales = seasonalNaiveScales(series, settings.period(), origins);
    List<Outcome> outcomes = new ArrayList<>();
    for (Forecaster method : methods) {
      outcomes.add(evaluate(method, series, settings, origins, scales, progress));
    }
    return new Result(series.length, settings, origins, outcomes);
  }

  /** The one-line refusal of a series shorter than two seasons plus the horizon. */
  public static String tooShort(int length, Settings settings) {
    return String.format(Locale.ROOT, "a series of %d points is too short for period %d and horizon %d: a backtest needs two full "
        + "seasons plus the horizon, %d points", length, settings.period(), settings.horizon(),
        settings.minimumLength());
  }

  private static Outcome evaluate(Forecaster method, double[] series, Settings settings, int[] origins,
      double[] scales, ProgressListener progress) {
    int needed = CalibratedForecaster.minimumHistory(method);
    int first = 0;
    while (first < origins.length && origins[first] < needed) {
      first++;
    }
    if (first == origins.length) {
      return new Skipped(method.name(), String.format(Locale.ROOT, "needs %d points of history before an origin to forecast "
          + "with intervals%s; this series has %d before its last origin", needed,
          method.hasErrorModel() ? "" : " (calibrated on held-out residuals)", origins[origins.length - 1]));
    }
    int horizon = settings.horizon();
    double[] maseByOrigin = new double[origins.length];
    Arrays.fill(maseByOrigin, Double.NaN);
    double maseSum = 0;
    double smapeSum = 0;
    double coverageSum = 0;
    long fitNanos = 0;
    int fits = 0;
    boolean modelIntervals = false;
    boolean residualIntervals = false;
    CalibratedForecaster forecaster = null;
    int lastFit = 0;
    try (Progress scored = progress.start("backtest " + method.name(), origins.length - first, "origins")) {
      for (int i = first; i < origins.length; i++) {
        int origin = origins[i];
        if (forecaster == null || settings.refitEvery() > 0 && origin - lastFit >= settings.refitEvery()) {
          long fitStart = System.nanoTime();
          forecaster = CalibratedForecaster.fit(method, series, origin, settings.level());
          fitNanos += System.nanoTime() - fitStart;
          fits++;
          lastFit = origin;
          modelIntervals |= forecaster.intervals() == CalibratedForecaster.IntervalSource.MODEL;
          residualIntervals |= forecaster.intervals() == CalibratedForecaster.IntervalSource.RESIDUALS;
        }
        Prediction prediction = forecaster.forecast(series, origin);
        double[] actual = Arrays.copyOfRange(series, origin, origin + horizon);
        maseByOrigin[i] = ForecastMetrics.mase(actual, prediction.mean(), scales[i]);
        maseSum += maseByOrigin[i];
        smapeSum += ForecastMetrics.smape(actual, prediction.mean());
        coverageSum += ForecastMetrics.coverage(actual, prediction.lower(), prediction.upper());
        scored.step(1);
      }
    } catch (IllegalArgumentException e) {
      return new Skipped(method.name(), "could not be fitted: " + e.getMessage());
    }
    int count = origins.length - first;
    String intervals = modelIntervals && residualIntervals ? "model+residuals" : modelIntervals ? "model"
        : "residuals";
    return new Score(method.name(), maseSum / count, smapeSum / count, coverageSum / count, count, fits, intervals,
        fitNanos / 1e9, maseByOrigin);
  }

  /** The MASE scale of each origin: the seasonal naive error of the data before it. */
  private static double[] seasonalNaiveScales(double[] series, int period, int[] origins) {
    double[] scales = new double[origins.length];
    double[] cumulative = new double[series.length + 1];
    for (int t = 0; t < series.length; t++) {
      double error = t >= period ? Math.abs(series[t] - series[t - period]) : 0;
      cumulative[t + 1] = cumulative[t] + error;
    }
    for (int i = 0; i < origins.length; i++) {
      int origin = origins[i];
      scales[i] = (cumulative[origin] - cumulative[period]) / (origin - period);
      if (!(scales[i] > 0)) {
        throw new IllegalArgumentException("the series repeats itself exactly every period before point " + origin
            + ": there is no seasonal naive error to scale MASE by");
      }
    }
    return scales;
  }
}
