package io.argus.pipeline.dashboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  private final SessionsTest.MovingClock clock = new SessionsTest.MovingClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final SignInThrottle throttle = new SignInThrottle(clock);

  @Test
  void shouldLetFourFailuresPassThenMakeTheNameWaitThirtySeconds() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("ana", "10.0.0." + i);
      assertThat(throttle.wait("ana", "10.0.0.9")).isEmpty();
    }
    throttle.failed("ana", "10.0.0.5");

    assertThat(throttle.wait("ana", "10.0.0.9")).hasValue(Duration.ofSeconds(30));
    assertThat(throttle.wait("bo", "10.0.0.9")).isEmpty();
    clock.advance(Duration.ofSeconds(31));
    assertThat(throttle.wait("ana", "10.0.0.9")).isEmpty();
  }

  @Test
  void shouldDoubleTheWaitWithEachFurtherFailureUpToFifteenMinutes() {
    assertThat(SignInThrottle.waitAfter(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(SignInThrottle.waitAfter(6)).isEqualTo(Duration.ofSeconds(60));
    assertThat(SignInThrottle.waitAfter(8)).isEqualTo(Duration.ofSeconds(240));
    assertThat(SignInThrottle.waitAfter(40)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void shouldThrottleAnAddressTryingManyNames() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("user-" + i, "10.0.0.7");
    }

    assertThat(throttle.wait("someone-else", "10.0.0.7")).isPresent();
    assertThat(throttle.wait("someone-else", "10.0.0.8")).isEmpty();
  }

  @Test
  void shouldClearANamesFailuresOnSuccess() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("Ana", "10.0.0." + i);
    }

    throttle.succeeded("ana");

    assertThat(throttle.wait("ana", "10.0.0.9")).isEmpty();
  }

  @Test
  void shouldForgetFailuresOlderThanTheWindow() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("ana", "10.0.0." + i);
    }
    clock.advance(Duration.ofMinutes(16));
    throttle.failed("ana", "10.0.0.5");

    assertThat(throttle.wait("ana", "10.0.0.9")).isEmpty();
  }
}
