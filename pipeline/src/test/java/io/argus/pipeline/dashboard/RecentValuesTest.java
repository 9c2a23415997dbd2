package io.argus.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentValuesTest {

  @Test
  void shouldGiveNearestRankPercentiles() {
    RecentValues values = new RecentValues(1000);
    for (int value = 1000; value >= 1; value--) {
      values.add(value);
    }

    assertThat(values.percentiles()).isEqualTo(new RecentValues.Percentiles(500, 990, 999, 1000));
  }

  @Test
  void shouldKeepOnlyTheMostRecentValues() {
    RecentValues values = new RecentValues(100);
    for (int value = 1; value <= 200; value++) {
      values.add(value);
    }

    RecentValues.Percentiles percentiles = values.percentiles();
    assertThat(percentiles.samples()).isEqualTo(100);
    assertThat(percentiles.p50()).isEqualTo(150);
    assertThat(percentiles.p999()).isEqualTo(200);
  }

  @Test
  void shouldTakeTheMaximumAsTheTailOfFewSamples() {
    RecentValues values = new RecentValues(100);
    values.add(3);
    values.add(1);
    values.add(2);

    assertThat(values.percentiles()).isEqualTo(new RecentValues.Percentiles(2, 3, 3, 3));
  }

  @Test
  void shouldReportZerosWithoutSamples() {
    assertThat(new RecentValues(10).percentiles()).isEqualTo(new RecentValues.Percentiles(0, 0, 0, 0));
  }

  @Test
  void shouldCountValuesInEqualBinsWithOneInTheLastBin() {
    RecentValues values = new RecentValues(10);
    for (double value : new double[] {0.0, 0.04, 0.05, 0.5, 0.97, 1.0}) {
      values.add(value);
    }

    long[] histogram = values.histogram(20);

    assertThat(histogram).hasSize(20);
    assertThat(histogram[0]).isEqualTo(2);
    assertThat(histogram[1]).isEqualTo(1);
    assertThat(histogram[10]).isEqualTo(1);
    assertThat(histogram[19]).isEqualTo(2);
    assertThat(histogram).containsOnly(0, 1, 2);
  }
}
