package io.argus.forecaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

  @Test
  void shouldScaleMeanAbsoluteErrorBySeasonalNaiveError() {
    // absolute errors 2, 2, 3: mean 7/3; scale 2
    double mase = ForecastMetrics.mase(new double[] {10, 20, 30}, new double[] {12, 18, 33}, 2.0);

    assertThat(mase).isCloseTo(7.0 / 6.0, within(1e-12));
  }

  @Test
  void shouldComputeInSampleSeasonalNaiveErrorOverTheHistoryOnly() {
    double[] series = {1, 2, 3, 2, 4, 3, 5, 4, 3};

    // |2-1| + |4-2| + |3-3| + |5-2| + |4-4| + |3-3| = 6 over 6 differences
    assertThat(ForecastMetrics.seasonalNaiveScale(series, 9, 3)).isCloseTo(1.0, within(1e-12));
    // only the first two periods: (1 + 2 + 0) / 3
    assertThat(ForecastMetrics.seasonalNaiveScale(series, 6, 3)).isCloseTo(1.0, within(1e-12));
    // lag 1: 1 + 1 + 1 + 2 + 1 + 2 + 1 + 1 = 10 over 8
    assertThat(ForecastMetrics.seasonalNaiveScale(series, 9, 1)).isCloseTo(10.0 / 8.0, within(1e-12));
  }

  @Test
  void shouldComputeSymmetricPercentageErrorCountingZeroOverZeroAsPerfect() {
    // 200 / 3 * (10 / 210 + 0 + 10 / 90)
    double smape = ForecastMetrics.smape(new double[] {100, 0, 50}, new double[] {110, 0, 40});

    assertThat(smape).isCloseTo(200.0 / 3 * (10.0 / 210 + 10.0 / 90), within(1e-12));
    assertThat(smape).isCloseTo(10.582, within(0.001));
  }

  @Test
  void shouldCountActualsInsideTheIntervalBoundsIncluded() {
    double coverage = ForecastMetrics.coverage(
        new double[] {1, 5, 9, 3}, new double[] {0, 6, 9, 0}, new double[] {2, 7, 10, 2});

    assertThat(coverage).isEqualTo(0.5);
  }

  @Test
  void shouldRejectMismatchedLengthsAndAZeroScale() {
    assertThatThrownBy(() -> ForecastMetrics.smape(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1 for 2");
    assertThatThrownBy(() -> ForecastMetrics.mase(new double[] {1}, new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive scale, got 0.0");
  }
}
