package io.argus.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PauseOverlapTest {

  private static final long START = 1_780_000_000_000_000L;

  @Test
  void shouldCountTheTransactionsInFlightDuringACollectionAmongTheSlowestAndAll() {
    Observations seen = new Observations(6);
    see(seen, 0, 0, 10_000); // before the warm-up's end: not counted
    see(seen, 1, 100_000, 110_000);
    see(seen, 2, 200_000, 240_000); // slow, across the first pause
    see(seen, 3, 300_000, 340_000); // slow, between the pauses
    see(seen, 4, 400_000, 410_000); // fast, ends as the second pause begins
    seen.sent(5, START + 500_000); // never scored
    List<long[]> pauses = List.of(
        new long[] {START + 5_000, START + 8_000}, // during transaction 0 only
        new long[] {START + 220_000, START + 230_000},
        new long[] {START + 231_000, START + 238_000},
        new long[] {START + 410_000, START + 420_000},
        new long[] {START + 900_000, START + 910_000}); // after the last score

    PauseOverlap overlap = PauseOverlap.of(seen, 1, 40.0, pauses);

    assertThat(overlap.all()).isEqualTo(4);
    assertThat(overlap.allInPause()).as("transactions 2 and 4").isEqualTo(2);
    assertThat(overlap.slowest()).as("at or above 40 ms: 2 and 3").isEqualTo(2);
    assertThat(overlap.slowestInPause()).isEqualTo(1);
    assertThat(overlap.slowestShare()).isEqualTo(0.5);
    assertThat(overlap.allShare()).isEqualTo(0.5);
    assertThat(overlap.collections()).as("those between the first measured send and the last score").isEqualTo(3);
    assertThat(overlap.pausedMillis()).isEqualTo(27);
  }

  @Test
  void shouldSayNothingWhenNothingWasScored() {
    Observations seen = new Observations(1);
    seen.sent(0, START);

    PauseOverlap overlap = PauseOverlap.of(seen, 0, Double.NaN, List.of(new long[] {START, START + 1_000}));

    assertThat(overlap.all()).isZero();
    assertThat(overlap.collections()).isZero();
    assertThat(overlap.slowestShare()).isNaN();
    assertThat(overlap.allShare()).isNaN();
  }

  private static void see(Observations seen, int number, long sent, long scored) {
    seen.sent(number, START + sent);
    seen.scored(number, START + scored, (START + scored) / 1_000, false);
  }
}
