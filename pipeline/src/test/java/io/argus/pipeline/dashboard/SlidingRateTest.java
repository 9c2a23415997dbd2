package io.argus.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingRateTest {

  private static final long T0 = 1_764_064_800_000L; // a whole second
  private final SlidingRate rate = new SlidingRate(Duration.ofSeconds(10));

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
  void shouldRejectAWindowThatIsNotWholeSeconds() {
    assertThatThrownBy(() -> new SlidingRate(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1.5S");
  }

  private void recordAt(long millis, int count) {
    for (int i = 0; i < count; i++) {
      rate.record(millis);
    }
  }
}
