package io.argus.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The demo's clock is the simulation's event time, moving on with the wall clock between events, never past it. */
class SimulationClockTest {

  private static final Instant WALL = Instant.parse("2026-11-25T12:00:00Z");
  private static final Instant HISTORY_START = Instant.parse("2026-10-21T00:00:00Z");

  private final MovableClock wall = new MovableClock(WALL);
  private final SimulationClock clock = new SimulationClock(wall, HISTORY_START);

  @Test
  void shouldFollowTheLatestEventAndTheWallClockBetweenEvents() {
    clock.advanceTo(HISTORY_START.plus(Duration.ofDays(3)));
    wall.advance(Duration.ofSeconds(2));

    assertThat(clock.instant()).isEqualTo(HISTORY_START.plus(Duration.ofDays(3)).plusSeconds(2));
  }

  @Test
  void shouldIgnoreAnEarlierEvent() {
    clock.advanceTo(HISTORY_START.plus(Duration.ofDays(3)));

    clock.advanceTo(HISTORY_START.plus(Duration.ofDays(1)));

    assertThat(clock.instant()).isEqualTo(HISTORY_START.plus(Duration.ofDays(3)));
  }

  @Test
  void shouldNeverPassTheWallClock() {
    clock.advanceTo(WALL.plus(Duration.ofMinutes(5)));

    assertThat(clock.instant()).isEqualTo(WALL);
    wall.advance(Duration.ofMinutes(1));
    assertThat(clock.instant()).isEqualTo(WALL.plus(Duration.ofMinutes(1)));
  }

  /** A wall clock the test moves. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
