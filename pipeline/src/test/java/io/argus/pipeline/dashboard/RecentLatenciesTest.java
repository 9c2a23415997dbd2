package io.argus.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentLatenciesTest {

  @Test
  void shouldGiveNearestRankPercentilesInMilliseconds() {
    RecentLatencies latencies = new RecentLatencies(1000);
    for (long micros = 1000; micros >= 1; micros--) {
      latencies.add(micros);
    }

    assertThat(latencies.percentiles()).isEqualTo(new RecentLatencies.Percentiles(0.5, 0.99, 0.999, 1000));
  }

  @Test
  void shouldKeepOnlyTheMostRecentLatencies() {
    RecentLatencies latencies = new RecentLatencies(100);
    for (long micros = 1; micros <= 200; micros++) {
      latencies.add(micros);
    }

    RecentLatencies.Percentiles percentiles = latencies.percentiles();
    assertThat(percentiles.samples()).isEqualTo(100);
    assertThat(percentiles.p50()).isEqualTo(0.150);
    assertThat(percentiles.p999()).isEqualTo(0.200);
  }

  @Test
  void shouldTakeTheLargestAsTheTailOfFewSamples() {
    RecentLatencies latencies = new RecentLatencies(100);
    latencies.add(3000);
    latencies.add(1000);
    latencies.add(2000);

    // 3,000 us lies in a bucket 2 us wide: HdrHistogram reports its top, 3.001 ms.
    assertThat(latencies.percentiles()).isEqualTo(new RecentLatencies.Percentiles(2.0, 3.001, 3.001, 3));
  }

  @Test
  void shouldGiveTheSamePercentilesWhenAskedAgain() {
    RecentLatencies latencies = new RecentLatencies(10);
    latencies.add(700);
    RecentLatencies.Percentiles first = latencies.percentiles();

    assertThat(latencies.percentiles()).isEqualTo(first).isEqualTo(new RecentLatencies.Percentiles(0.7, 0.7, 0.7, 1));
  }

  @Test
  void shouldReportZerosWithoutSamples() {
    assertThat(new RecentLatencies(10).percentiles()).isEqualTo(new RecentLatencies.Percentiles(0, 0, 0, 0));
  }

  @Test
  void shouldRefuseANegativeLatency() {
    assertThatThrownBy(() -> new RecentLatencies(10).add(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
