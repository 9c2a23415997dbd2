package io.argus.pipeline.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StallsTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldMeasureTheGapThatSpansTheKillFromThePartitionsLastScoreBeforeIt() {
    Map<Integer, long[]> arrivals = Map.of(0, new long[] {8 * SECOND, 9 * SECOND, 16 * SECOND, 17 * SECOND});

    Duration stall = Stalls.longestGap(arrivals, 10 * SECOND, 20 * SECOND);

    assertThat(stall).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void shouldTakeTheWorstPartitionWhileOthersKeepFlowing() {
    Map<Integer, long[]> arrivals = Map.of(
        0, new long[] {SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND, 5 * SECOND},
        1, new long[] {SECOND, 4 * SECOND, 5 * SECOND});

    Duration stall = Stalls.longestGap(arrivals, 0, 5 * SECOND);

    assertThat(stall).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void shouldCountAPartitionSilentUntilTheWindowsEndAsAStall() {
    Map<Integer, long[]> arrivals = Map.of(0, new long[] {SECOND, 2 * SECOND});

    Duration stall = Stalls.longestGap(arrivals, 0, 12 * SECOND);

    assertThat(stall).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldIgnoreScoresAfterTheWindow() {
    Map<Integer, long[]> arrivals = Map.of(0, new long[] {SECOND, 2 * SECOND, 3 * SECOND, 30 * SECOND});

    Duration stall = Stalls.longestGap(arrivals, 0, 4 * SECOND);

    assertThat(stall).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldRefuseAWindowThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> Stalls.longestGap(Map.of(), 5, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends before it starts");
  }
}
