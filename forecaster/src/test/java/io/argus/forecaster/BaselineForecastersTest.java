package io.argus.forecaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselineForecastersTest {

  private static final int PERIOD = 4;

  @Test
  void shouldRepeatTheLastPeriodAndWrapBeyondIt() {
    double[] series = {9, 9, 9, 9, 1, 2, 3, 4};
    SeasonalNaive naive = new SeasonalNaive(PERIOD, 6);

    assertThat(naive.forecast(series, 8)).containsExactly(1, 2, 3, 4, 1, 2);
    // from an earlier origin, only the values before it count
    assertThat(naive.forecast(series, 6)).containsExactly(9, 9, 1, 2, 9, 9);
  }

  @Test
  void shouldForecastANoiselessTrendAndSeasonExactlyWhateverTheWeights() {
    double[] series = trendAndSeason(40);
    HoltWinters model = HoltWinters.withWeights(PERIOD, 8, 0.3, 0.1, 0.2);

    double[] expected = Arrays.copyOfRange(trendAndSeason(48), 40, 48);
    assertThat(model.forecast(series, 40)).containsExactly(expected, within(1e-9));
  }

  @Test
  void shouldFitWeightsThatForecastANoiselessSeriesExactly() {
    double[] series = trendAndSeason(48);
    HoltWinters model = new HoltWinters(PERIOD, 4);

    model.fit(series, 40);

    for (double weight : model.weights()) {
      assertThat(weight).isStrictlyBetween(0.0, 1.0);
    }
    assertThat(model.forecast(series, 44)).containsExactly(new double[] {series[44], series[45], series[46],
        series[47]}, within(1e-6));
  }

  @Test
  void shouldFitTheWeightsThatMinimiseTheOneStepErrorOfANoisySeries() {
    // the backtest's hourly series, fitted where its backtest fits; the hand-written Nelder-Mead that commons-math's
    // SimplexOptimizer replaced found (0.006092, 0.008814, 0.068647), with the same squared error to 10 digits
    double[] series = BacktestTest.trendSeasonAndNoise(90 * 24, new Random(7));
    HoltWinters model = new HoltWinters(24, 24);

    model.fit(series, 1210);

    assertThat(model.weights()).containsExactly(new double[] {0.006092, 0.008814, 0.068647}, within(2e-6));
  }

  @Test
  void shouldFollowALevelShiftFasterWithALargerLevelWeight() {
    double[] series = new double[40];
    for (int t = 0; t < series.length; t++) {
      series[t] = (t < 32 ? 10 : 20) + (t % PERIOD == 0 ? 5 : 0);
    }
    double slow = HoltWinters.withWeights(PERIOD, 1, 0.05, 0.01, 0.01).forecast(series, 40)[0];
    double fast = HoltWinters.withWeights(PERIOD, 1, 0.9, 0.01, 0.01).forecast(series, 40)[0];

    assertThat(fast).isCloseTo(25, within(0.5));
    assertThat(slow).isLessThan(fast - 3);
  }

  @Test
  void shouldNameTheMissingHistory() {
    assertThatThrownBy(() -> new HoltWinters(PERIOD, 2).fit(new double[11], 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("holt_winters needs at least 12 points of history, got 11 (series of 11)");
    assertThatThrownBy(() -> HoltWinters.withWeights(PERIOD, 2, 1.0, 0.1, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("alpha must be in (0, 1), got 1.0");
  }

  /** 50 + 0.5 t + a season of 4 (+6, -2, -1, -3). */
  private static double[] trendAndSeason(int length) {
    double[] season = {6, -2, -1, -3};
    double[] series = new double[length];
    for (int t = 0; t < length; t++) {
      series[t] = 50 + 0.5 * t + season[t % PERIOD];
    }
    return series;
  }
}
