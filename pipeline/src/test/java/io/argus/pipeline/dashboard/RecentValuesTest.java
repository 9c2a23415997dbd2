package io.argus.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentValuesTest {

  @Test
  void shouldKeepOnlyTheMostRecentValues() {
    RecentValues values = new RecentValues(4);
    for (double value : new double[] {0.01, 0.02, 0.03, 0.96, 0.97, 0.98}) {
      values.add(value);
    }

    assertThat(values.size()).isEqualTo(4);
    assertThat(values.histogram(2)).containsExactly(1, 3);
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
