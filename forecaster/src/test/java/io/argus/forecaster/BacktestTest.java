package io.argus.forecaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.common.ProgressListener;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The rolling-origin backtest on a synthetic hourly series with a trend, a daily season and Gaussian noise: the
 * methods that model trend and season beat seasonal naive, and every method's 90 % interval covers about 90 % of
 * the test points.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestTest {

  private static final int DAY = 24;
  private static final int DAYS = 90;
  private static final int HORIZON = 24;
  private static final double LEVEL = 0.9;
  private static final Backtest.Settings SETTINGS = new Backtest.Settings(DAY, HORIZON, LEVEL, 0.3, HORIZON, 0);
  /**
   * The test part holds 27 days, 648 points; a binomial proportion of 0.9 over 648 points has a standard error of
   * 0.012. Four standard errors (0.047), widened to 0.07 because the 24 points of one forecast share its errors
   * in level and trend, so the effective sample is smaller.
   */
  private static final double COVERAGE_TOLERANCE = 0.07;

  private double[] series;
  private Backtest.Score seasonalNaive;
  private Backtest.Score holtWinters;
  private Backtest.Score lstm;

  @BeforeAll
  void backtestEveryMethod() {
    series = trendSeasonAndNoise(DAYS * DAY, new Random(7));
    LstmSettings small = new LstmSettings(7, 16, 30, 5, 32, 0.01, 1500, 0.15, 42);
    Backtest.Result result = Backtest.run(List.of(new SeasonalNaive(DAY, HORIZON), new HoltWinters(DAY, HORIZON),
        new LstmForecaster(DAY, HORIZON, small)), series, SETTINGS, ProgressListener.SILENT);
    seasonalNaive = result.score(SeasonalNaive.NAME).orElseThrow();
    holtWinters = result.score(HoltWinters.NAME).orElseThrow();
    lstm = result.score(LstmForecaster.NAME).orElseThrow();
  }

  @Test
  void shouldScoreEveryOriginOfTheTestPartWithEachMethodFittedOnce() {
    // 90 days, the last 27 of them tested, one origin a day
    for (Backtest.Score score : List.of(seasonalNaive, holtWinters, lstm)) {
      assertThat(score.origins()).as(score.method()).isEqualTo(27);
      assertThat(score.fits()).as(score.method()).isEqualTo(1);
      assertThat(score.intervals()).as(score.method()).isEqualTo("residuals");
    }
  }

  @Test
  void shouldChooseTheLongSeriesProtocolFromTenSeasonsOn() {
    assertThat(Backtest.Settings.forLength(DAYS * DAY, DAY, HORIZON, LEVEL)).isEqualTo(
        new Backtest.Settings(DAY, HORIZON, LEVEL, 0.2, HORIZON, 0));
    assertThat(Backtest.Settings.forLength(10 * DAY - 1, DAY, HORIZON, LEVEL)).isEqualTo(
        new Backtest.Settings(DAY, HORIZON, LEVEL, 1, 1, DAY));
  }

  @Test
  void shouldBeatSeasonalNaiveWithHoltWintersAndTheLstm() {
    // "same hour yesterday" is a day's growth short and carries two days of noise
    assertThat(holtWinters.mase()).isLessThan(0.8 * seasonalNaive.mase());
    assertThat(lstm.mase()).isLessThan(0.8 * seasonalNaive.mase());
    assertThat(holtWinters.smape()).isLessThan(seasonalNaive.smape());
    assertThat(lstm.smape()).isLessThan(seasonalNaive.smape());
  }

  @Test
  void shouldCoverCloseToTheNominalLevel() {
    for (Backtest.Score score : List.of(seasonalNaive, holtWinters, lstm)) {
      assertThat(score.coverage()).as(score.method()).isBetween(LEVEL - COVERAGE_TOLERANCE, LEVEL + COVERAGE_TOLERANCE);
    }
  }

  /** 200 + 0.25 per hour, a daily season of two harmonics (amplitudes 30 and 10), Gaussian noise of 5. */
  static double[] trendSeasonAndNoise(int length, Random random) {
    double[] values = new double[length];
    for (int t = 0; t < length; t++) {
      double phase = 2 * Math.PI * (t % DAY) / DAY;
      values[t] = 200 + 0.25 * t + 30 * Math.sin(phase) + 10 * Math.cos(2 * phase + 1) + 5 * random.nextGaussian();
    }
    return values;
  }
}
