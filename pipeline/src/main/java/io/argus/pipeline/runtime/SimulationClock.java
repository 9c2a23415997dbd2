package io.argus.pipeline.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's "now": the simulation's event time. While the simulator plays its history, it is the time of the
 * latest event sent, weeks behind the wall clock and running far faster; between events it moves on with the wall
 * clock, and it never passes it, so once the simulation has caught up it is the wall clock. The retraining
 * scheduler measures its interval and windows by it, so it retrains every few simulated days. Thread-safe.
 */
final class SimulationClock extends Clock {

  private final Clock wall;
  private long eventMillis;
  private long wallMillisAtEvent;

  SimulationClock(Clock wall, Instant start) {
    this.wall = wall;
    this.eventMillis = start.toEpochMilli();
    this.wallMillisAtEvent = wall.millis();
  }

  /** The simulation has reached {@code eventTime} (an earlier time changes nothing). */
  synchronized void advanceTo(Instant eventTime) {
    if (eventTime.toEpochMilli() >= eventMillis) {
      eventMillis = eventTime.toEpochMilli();
      wallMillisAtEvent = wall.millis();
    }
  }

  @Override
  public synchronized Instant instant() {
    long now = wall.millis();
    return Instant.ofEpochMilli(Math.min(now, eventMillis + Math.max(0, now - wallMillisAtEvent)));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the simulation clock is in UTC");
  }
}
