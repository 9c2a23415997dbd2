package io.argus.forecaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
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
  void shouldRepeatTheLastValueWithTheNaiveMethod() {
    double[] series = {9, 9, 9, 9, 1, 2, 3, 4};
    SeasonalNaive naive = SeasonalNaive.naive(3);

    assertThat(naive.name()).isEqualTo("naive");
    assertThat(naive.forecast(series, 8)).containsExactly(4, 4, 4);
    assertThat(naive.forecast(series, 5)).containsExactly(1, 1, 1);
  }

  @Test
  void shouldGrowTheSeasonalNaiveErrorWithEachPeriodTheForecastReachesInto() {
    // seasonal differences 1, -1, 3, -3: root mean square sqrt(5)
    double[] series = {10, 20, 30, 40, 11, 19, 33, 37};
    SeasonalNaive naive = new SeasonalNaive(PERIOD, 9);

    naive.fit(series, 8);

    double sigma = Math.sqrt(5);
    assertThat(naive.errorModel().degreesOfFreedom()).isEqualTo(4);
    assertThat(naive.errorModel().standardDeviations()).containsExactly(new double[] {sigma, sigma, sigma, sigma,
        sigma * Math.sqrt(2), sigma * Math.sqrt(2), sigma * Math.sqrt(2), sigma * Math.sqrt(2), sigma * Math.sqrt(3)},
        within(1e-12));
  }

  @Test
  void shouldLevelOffTheTrendWhenDamped() {
    // a period apart the season cancels: what the trend adds over a period is constant for a linear trend and
    // shrinks by phi at every step when damped
    double[] series = trendAndSeason(40);
    double[] linear = HoltWinters.withWeights(PERIOD, 12, 0.3, 0.1, 0.2).forecast(series, 40);
    double[] damped = HoltWinters.withWeights(PERIOD, 12, 0.3, 0.1, 0.2, 0.9).forecast(series, 40);

    for (int step = 0; step + PERIOD < 12; step++) {
      assertThat(linear[step + PERIOD] - linear[step]).isCloseTo(PERIOD * 0.5, within(1e-9));
    }
    for (int step = 1; step + PERIOD < 12; step++) {
      double ratio = (damped[step + PERIOD] - damped[step]) / (damped[step - 1 + PERIOD] - damped[step - 1]);
      assertThat(ratio).as("step %d", step).isCloseTo(0.9, within(1e-9));
    }
  }

  @Test
  void shouldFitADampingFactorInItsRangeAndForecastANoiselessSeasonCloselyWhenDamped() {
    double[] series = trendAndSeason(48);
    HoltWinters model = HoltWinters.damped(PERIOD, 4);

    model.fit(series, 40);

    double[] weights = model.weights();
    assertThat(weights).hasSize(4);
    assertThat(weights[3]).isBetween(0.8, 0.98);
    assertThat(model.name()).isEqualTo("holt_winters_damped");
    assertThat(model.forecast(series, 44)).containsExactly(new double[] {series[44], series[45], series[46],
        series[47]}, within(0.5));
  }

  @Test
  void shouldWidenTheHoltWintersErrorWithEveryStepAhead() {
    double[] series = BacktestTest.trendSeasonAndNoise(8 * 24, new Random(3));
    for (HoltWinters model : List.of(new HoltWinters(24, 24), HoltWinters.damped(24, 24))) {
      model.fit(series, series.length);

      double[] deviations = model.errorModel().standardDeviations();
      // 192 one-step errors less the weights and the 26 initial states
      assertThat(model.errorModel().degreesOfFreedom()).as(model.name())
          .isEqualTo(192 - 26 - model.weights().length);
      // the noise is 5: the one-step deviation is a little above it (the profile's estimate adds its noise)
      assertThat(deviations[0]).as(model.name()).isBetween(5.0, 7.5);
      for (int step = 1; step < deviations.length; step++) {
        assertThat(deviations[step]).as(model.name()).isGreaterThanOrEqualTo(deviations[step - 1]);
      }
    }
  }

  @Test
  void shouldAverageItsPartsAndNarrowTheirMeanDeviationInTheCombination() {
    double[] series = BacktestTest.trendSeasonAndNoise(8 * 24, new Random(3));
    Combination combination = new Combination(24, 12);
    SeasonalNaive naive = SeasonalNaive.naive(12);
    SeasonalNaive seasonalNaive = new SeasonalNaive(24, 12);
    HoltWinters damped = HoltWinters.damped(24, 12);

    for (Forecaster model : List.of(combination, naive, seasonalNaive, damped)) {
      model.fit(series, series.length);
    }

    double[] mean = new double[12];
    double[] meanDeviation = new double[12];
    for (Forecaster part : List.of(naive, seasonalNaive, damped)) {
      for (int step = 0; step < 12; step++) {
        mean[step] += part.forecast(series, series.length)[step] / 3;
        meanDeviation[step] += part.errorModel().standardDeviations()[step] / 3;
      }
    }
    assertThat(combination.forecast(series, series.length)).containsExactly(mean, within(1e-9));
    for (int step = 0; step < 12; step++) {
      assertThat(combination.errorModel().standardDeviations()[step]).isStrictlyBetween(0.0, meanDeviation[step]);
    }
  }

  @Test
  void shouldNameTheMissingHistory() {
    assertThatThrownBy(() -> new HoltWinters(PERIOD, 2).fit(new double[7], 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("holt_winters needs at least 8 points of history, got 7 (series of 7)");
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
