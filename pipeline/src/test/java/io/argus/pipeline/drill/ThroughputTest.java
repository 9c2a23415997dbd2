package io.argus.pipeline.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThroughputTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldCountOnlyWhatFlowedWithinTheWindow() {
    long[] sent = {0, SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND, 5 * SECOND};
    Map<Integer, long[]> scores = Map.of(0, new long[] {SECOND, 2 * SECOND, 3 * SECOND}, 1, new long[] {4 * SECOND,
        6 * SECOND});

    Throughput flow = Throughput.of(sent, scores, 8, SECOND, 5 * SECOND);

    assertThat(flow.window()).isEqualTo(Duration.ofSeconds(4));
    assertThat(flow.sentPerSecond()).isCloseTo(1.0, within(1e-9));
    assertThat(flow.scoresPerSecond()).isCloseTo(1.0, within(1e-9));
    assertThat(flow.featuresPerSecond()).isCloseTo(2.0, within(1e-9));
    assertThat(flow.sustainedScoresPerSecond()).as("5 scores from 1 s to 6 s, the last after the window")
        .isCloseTo(0.8, within(1e-9));
  }

  @Test
  void shouldCountTheDrainInTheSustainedRate() {
    Map<Integer, long[]> scores = Map.of(0, new long[] {0, SECOND / 4}, 1, new long[] {SECOND / 2, SECOND, 2 * SECOND});

    Throughput flow = Throughput.of(new long[] {0}, scores, 0, 0, SECOND / 2);

    assertThat(flow.scoresPerSecond()).isCloseTo(4.0, within(1e-9));
    assertThat(flow.sustainedScoresPerSecond()).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void shouldNotGuessTheFeatureJobsRateWhenItsCountIsUnknown() {
    Throughput flow = Throughput.of(new long[] {0, SECOND}, Map.of(), Throughput.UNKNOWN, 0, 2 * SECOND);

    assertThat(flow.featuresPerSecond()).isNaN();
    assertThat(flow.sentPerSecond()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void shouldReportNothingForAnEmptyWindow() {
    Throughput flow = Throughput.of(new long[] {1}, Map.of(), 5, 10, 10);

    assertThat(flow.scoresPerSecond()).isZero();
    assertThat(flow.window()).isEqualTo(Duration.ZERO);
  }
}
