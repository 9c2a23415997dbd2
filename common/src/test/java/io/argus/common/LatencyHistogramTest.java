package io.argus.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void shouldGiveNearestRankPercentilesExactlyBelowTwoThousandUnits() {
    LatencyHistogram histogram = LatencyHistogram.microseconds();
    for (long micros = 1000; micros >= 1; micros--) {
      histogram.record(micros);
    }

    assertThat(histogram.percentiles()).isEqualTo(new Percentiles(1000, 0.5, 0.99, 0.999, 1.0));
  }

  @Test
  void shouldReportTheTopOfTheBucketAtMostATenthOfAPercentAboveLargerValues() {
    LatencyHistogram histogram = LatencyHistogram.microseconds();
    for (long micros = 1_000; micros <= 100_000; micros += 1_000) {
      histogram.record(micros);
    }

    Percentiles percentiles = histogram.percentiles();

    // 50,000 us lies in a bucket 32 us wide (49,984 .. 50,015), 99,000 and 100,000 in buckets 64 us wide.
    assertThat(percentiles).isEqualTo(new Percentiles(100, 50.015, 99.007, 100.031, 100.031));
    assertThat(percentiles.p50()).isCloseTo(50.0, withinPercentage(0.1));
    assertThat(percentiles.p99()).isCloseTo(99.0, withinPercentage(0.1));
    assertThat(percentiles.max()).isCloseTo(100.0, withinPercentage(0.1));
  }

  @Test
  void shouldTakeTheLargestAsTheTailOfFewValues() {
    LatencyHistogram histogram = LatencyHistogram.milliseconds();
    histogram.record(3);
    histogram.record(1);
    histogram.record(2);

    assertThat(histogram.percentiles()).isEqualTo(new Percentiles(3, 2, 3, 3, 3));
  }

  @Test
  void shouldReportEveryUnitInMilliseconds() {
    LatencyHistogram nanos = LatencyHistogram.nanoseconds();
    nanos.record(Duration.ofNanos(1_500));
    nanos.record(Duration.ofMillis(2));
    LatencyHistogram millis = LatencyHistogram.milliseconds();
    millis.record(Duration.ofSeconds(1));

    assertThat(nanos.percentiles().p50()).isEqualTo(0.0015);
    assertThat(nanos.percentiles().max()).isCloseTo(2.0, withinPercentage(0.1));
    assertThat(millis.percentiles().p50()).isEqualTo(1000.0);
  }

  @Test
  void shouldReportNothingRecordedAsNotANumber() {
    LatencyHistogram histogram = LatencyHistogram.nanoseconds();
    histogram.record(5);
    histogram.reset();

    assertThat(histogram.count()).isZero();
    assertThat(histogram.percentiles()).isSameAs(Percentiles.NONE);
    assertThat(Percentiles.NONE.p99()).isNaN();
  }

  @Test
  void shouldRefuseANegativeLatency() {
    assertThatThrownBy(() -> LatencyHistogram.nanoseconds().record(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }
}
