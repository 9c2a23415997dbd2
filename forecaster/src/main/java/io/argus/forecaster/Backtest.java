package io.argus.forecaster;

import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Rolling-origin evaluation of a forecaster (Tashman 2000): the method is fitted, with calibrated intervals, on
 * everything before the first origin; then, from origins every {@code stride} points through the test part, it
 * forecasts the next {@code horizon} points from all the data before each origin, with its parameters fixed. Each
 * origin's forecast gets a MASE (scaled by the seasonal naive error of the data before it), a sMAPE and an
 * interval coverage; the scores are their means over the origins, as in the M4 competition.
 */
public final class Backtest {

  private Backtest() {
  }

  /**
   * What to evaluate.
   *
   * @param testFraction the share of the series, at its end, that holds the forecast origins
   * @param stride points between consecutive origins ({@code horizon}: forecasts that do not overlap)
   */
  public record Settings(int period, int horizon, double level, double testFraction, int stride) {
    public Settings {
      SeasonalForecaster.requirePeriodAndHorizon(period, horizon);
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException("interval level must be in (0, 1), got " + level);
      }
      if (!(testFraction > 0 && testFraction < 1)) {
        throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
      }
      if (stride < 1) {
        throw new IllegalArgumentException("stride must be at least 1, got " + stride);
      }
    }

    /** The first forecast origin in a series of {@code length} points. */
    public int firstOrigin(int length) {
      return Math.min(length - (int) Math.round(testFraction * length), length - horizon);
    }
  }

  /** One method's scores: means over the origins; coverage is of the nominal {@code level} interval. */
  public record Score(String method, double mase, double smape, double coverage, int origins, double fitSeconds) {
  }

  /** The shortest series on which every one of {@code methods} can be backtested with {@code settings}. */
  public static int minimumLength(Collection<Forecaster> methods, Settings settings) {
    int history = methods.stream().mapToInt(CalibratedForecaster::minimumHistory).max().orElse(0);
    history = Math.max(history, settings.period() + 1);
    int length = history + settings.horizon();
    while (settings.firstOrigin(length) < history) {
      length++;
    }
    return length;
  }

  /** Fits {@code method} before the first origin and scores its forecasts from every origin, silently. */
  public static Score evaluate(Forecaster method, double[] series, Settings settings) {
    return evaluate(method, series, settings, ProgressListener.SILENT);
  }

  /** As {@link #evaluate(Forecaster, double[], Settings)}, reporting the origins to {@code progress}. */
  public static Score evaluate(Forecaster method, double[] series, Settings settings, ProgressListener progress) {
    int minimumLength = minimumLength(List.of(method), settings);
    if (series.length < minimumLength) {
      throw new IllegalArgumentException(method.name() + ": a series of " + series.length + " points is too short; "
          + "period " + settings.period() + " and horizon " + settings.horizon() + " need at least " + minimumLength);
    }
    int period = settings.period();
    int horizon = settings.horizon();
    int firstOrigin = settings.firstOrigin(series.length);
    long fitStart = System.nanoTime();
    CalibratedForecaster forecaster = CalibratedForecaster.fit(method, series, firstOrigin, settings.level());
    double fitSeconds = (System.nanoTime() - fitStart) / 1e9;

    double[] cumulativeNaiveError = new double[series.length + 1];
    for (int t = 0; t < series.length; t++) {
      double error = t >= period ? Math.abs(series[t] - series[t - period]) : 0;
      cumulativeNaiveError[t + 1] = cumulativeNaiveError[t] + error;
    }
    int origins = (series.length - horizon - firstOrigin) / settings.stride() + 1;
    double maseSum = 0;
    double smapeSum = 0;
    double coverageSum = 0;
    try (Progress scored = progress.start("backtest " + method.name(), origins, "origins")) {
      for (int i = 0; i < origins; i++) {
        int origin = firstOrigin + i * settings.stride();
        Prediction prediction = forecaster.forecast(series, origin);
        double[] actual = Arrays.copyOfRange(series, origin, origin + horizon);
        double scale = (cumulativeNaiveError[origin] - cumulativeNaiveError[period]) / (origin - period);
        maseSum += ForecastMetrics.mase(actual, prediction.mean(), scale);
        smapeSum += ForecastMetrics.smape(actual, prediction.mean());
        coverageSum += ForecastMetrics.coverage(actual, prediction.lower(), prediction.upper());
        scored.step(1);
      }
    }
    return new Score(method.name(), maseSum / origins, smapeSum / origins, coverageSum / origins, origins,
        fitSeconds);
  }
}
