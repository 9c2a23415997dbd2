package io.argus.pipeline.dashboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final User ANA = new User("ana", Role.ANALYST, new PasswordHasher(1_000).hash("x".toCharArray()));
  private final MovingClock clock = new MovingClock(T0);
  private final Sessions sessions = new Sessions(clock);

  @Test
  void shouldFindASessionByItsRandomTokenWithTheUsersRoleAndADifferentCsrfToken() {
    Session first = sessions.start(ANA);
    Session second = sessions.start(ANA);

    assertThat(first.token()).hasSize(43).isNotEqualTo(second.token());
    assertThat(first.csrfToken()).hasSize(43).isNotEqualTo(first.token());
    assertThat(sessions.find(first.token())).containsSame(first);
    assertThat(first.role()).isEqualTo(Role.ANALYST);
    assertThat(sessions.find("forged")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
  }

  @Test
  void shouldEndASessionIdleForThirtyMinutes() {
    Session session = sessions.start(ANA);

    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(session.token())).isPresent();
    clock.advance(Duration.ofMinutes(29));
    assertThat(sessions.find(session.token())).isPresent();
    clock.advance(Duration.ofMinutes(31));
    assertThat(sessions.find(session.token())).isEmpty();
  }

  @Test
  void shouldEndASessionTwelveHoursAfterSignInEvenWhenUsed() {
    Session session = sessions.start(ANA);
    for (int i = 0; i < 24; i++) {
      clock.advance(Duration.ofMinutes(29));
      sessions.find(session.token());
    }

    clock.advance(Duration.ofMinutes(29));

    assertThat(sessions.find(session.token())).isEmpty();
  }

  @Test
  void shouldEndASessionOnSignOut() {
    Session session = sessions.start(ANA);

    sessions.end(session);

    assertThat(sessions.find(session.token())).isEmpty();
    assertThat(sessions.size()).isZero();
  }

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant start) {
      now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
