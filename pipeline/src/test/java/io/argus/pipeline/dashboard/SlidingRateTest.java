package io.argus.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SlidingRateTest {

  private static final long T0 = 1_764_064_800_000L; // a whole second
  private final SlidingRate rate = new SlidingRate(Duration.ofSeconds(10), Duration.ofSeconds(30));

  @Test
  void shouldAverageTheCompleteSecondsOfTheWindow() {
    for (int second = 0; second < 10; second++) {
      recordAt(T0 + second * 1000L + 500, second < 5 ? 4 : 6);
    }

    assertThat(rate.perSecond(T0 + 10_000)).isEqualTo(5.0);
  }

  @Test
  void shouldLeaveOutTheSecondInProgress() {
    recordAt(T0 + 9_000, 10);
    recordAt(T0 + 10_100, 1000);

    assertThat(rate.perSecond(T0 + 10_900)).isEqualTo(1.0);
  }

  @Test
  void shouldForgetEventsOlderThanTheWindow() {
    recordAt(T0, 100);
    recordAt(T0 + 15_000, 20);

    assertThat(rate.perSecond(T0 + 10_000)).isEqualTo(10.0);
    assertThat(rate.perSecond(T0 + 11_000)).isZero();
    assertThat(rate.perSecond(T0 + 16_000)).isEqualTo(2.0);
    assertThat(rate.perSecond(T0 + 40_000)).isZero();
  }

  @Test
  void shouldNotLetALateEventOverwriteANewerSecond() {
    recordAt(T0 + 12_000, 30);
    recordAt(T0, 1);

    assertThat(rate.perSecond(T0 + 13_000)).isEqualTo(3.0);
  }

  @Test
  void shouldCountEachSecondOfItsHistoryOldestFirst() {
    recordAt(T0 + 1_000, 3);
    recordAt(T0 + 28_999, 2);
    recordAt(T0 + 29_000, 9);

    long[] counts = rate.countsPerSecond(T0 + 29_500);

    assertThat(counts).hasSize(30);               // seconds -1 .. 28; 29 is in progress
    assertThat(counts[2]).isEqualTo(3);
    assertThat(counts[29]).isEqualTo(2);
    assertThat(Arrays.stream(counts).sum()).isEqualTo(5);
    assertThat(rate.countsPerSecond(T0 + 60_000)).containsOnly(0);
  }

  @Test
  void shouldRejectAWindowThatIsNotWholeSecondsOrLongerThanTheHistory() {
    assertThatThrownBy(() -> new SlidingRate(Duration.ofMillis(1500), Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1.5S");
    assertThatThrownBy(() -> new SlidingRate(Duration.ofMinutes(5), Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT5M and PT2M");
  }

  private void recordAt(long millis, int count) {
    for (int i = 0; i < count; i++) {
      rate.record(millis);
    }
  }
}
