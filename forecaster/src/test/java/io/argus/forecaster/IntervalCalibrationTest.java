package io.argus.forecaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.common.ProgressListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The intervals on short series come from each method's own error model (there is too little history to hold
 * residuals out): over many simulated short series, the nominal 95 % interval of every method covers about 95 % of
 * the backtests' actual values, and the 80 % interval about 80 %: never more than 0.03 below (too narrow an interval
 * raises false deviation alerts), at most 0.06 above (the error models count the uncertainty of a seasonal profile
 * estimated from two or three seasons, and Student's t quantiles that of the variance; both err on the wide side).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntervalCalibrationTest {

  private static final int PERIOD = 12;
  private static final int HORIZON = 6;
  private static final int LENGTH = 60;
  private static final int SERIES = 150;
  /**
   * 150 series of 31 origins of 6 points: 27,900 values, but the values of one series share its level and season,
   * so the effective sample is far smaller.
   */
  private static final double BELOW = 0.03;
  private static final double ABOVE = 0.06;

  private final Map<String, double[]> coverage = new LinkedHashMap<>();

  @BeforeAll
  void backtestManySeries() {
    Random random = new Random(17);
    for (int series = 0; series < SERIES; series++) {
      double[] values = monthlySeries(random);
      for (double level : new double[] {0.8, 0.95}) {
        List<Forecaster> methods = List.of(SeasonalNaive.naive(HORIZON), new SeasonalNaive(PERIOD, HORIZON),
            new HoltWinters(PERIOD, HORIZON), HoltWinters.damped(PERIOD, HORIZON),
            new Combination(PERIOD, HORIZON));
        Backtest.Result result = Backtest.run(methods, values,
            Backtest.Settings.forLength(LENGTH, PERIOD, HORIZON, level), ProgressListener.SILENT);
        for (Backtest.Score score : result.scores()) {
          coverage.computeIfAbsent(score.method(), method -> new double[2])[level == 0.8 ? 0 : 1]
              += score.coverage() / SERIES;
        }
      }
    }
  }

  @Test
  void shouldCoverAboutTheNominalShareAtNinetyFivePercent() {
    assertThat(coverage).hasSize(5);
    coverage.forEach((method, covered) ->
        assertThat(covered[1]).as(method).isBetween(0.95 - BELOW, Math.min(1, 0.95 + ABOVE)));
  }

  @Test
  void shouldCoverAboutTheNominalShareAtEightyPercent() {
    coverage.forEach((method, covered) ->
        assertThat(covered[0]).as(method).isBetween(0.8 - BELOW, 0.8 + ABOVE));
  }

  /**
   * Five years of a monthly-like series: a level of 100 drifting as a random walk (steps of 1.5), a season of two
   * harmonics (amplitudes 20 and 8) and Gaussian noise of 5.
   */
  private static double[] monthlySeries(Random random) {
    double[] values = new double[LENGTH];
    double level = 100;
    double shift = random.nextDouble() * 2 * Math.PI;
    for (int t = 0; t < LENGTH; t++) {
      level += 1.5 * random.nextGaussian();
      double phase = 2 * Math.PI * (t % PERIOD) / PERIOD + shift;
      values[t] = level + 20 * Math.sin(phase) + 8 * Math.cos(2 * phase) + 5 * random.nextGaussian();
    }
    return values;
  }
}
