package io.argus.ingestion.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When to emit the next simulated event: at most {@code transactionsPerSecond} transactions a second (0: no limit),
 * and, when live, never before the event's own time. A simulation that starts in the past thus emits its history as
 * fast as the rate allows, then goes on in real time.
 */
public final class Pacer {

  /** Emits everything at once. */
  public static final Pacer UNLIMITED = new Pacer(0, false, Clock.systemUTC(), Pacer::sleep);

  private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

  private final double transactionsPerSecond;
  private final boolean live;
  private final Clock clock;
  private final Sleeper sleeper;
  private long started = -1;
  private long emitted;

  /** Sleeps; a test replaces it. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  Pacer(double transactionsPerSecond, boolean live, Clock clock, Sleeper sleeper) {
    if (!(transactionsPerSecond >= 0)) {
      throw new IllegalArgumentException("transactions per second must be 0 (no limit) or more, got "
          + transactionsPerSecond);
    }
    this.transactionsPerSecond = transactionsPerSecond;
    this.live = live;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * A pacer at a rate (0: no limit).
   *
   * @param live whether to wait for each event's time on the system clock
   */
  public static Pacer of(double transactionsPerSecond, boolean live) {
    return new Pacer(transactionsPerSecond, live, Clock.systemUTC(), Pacer::sleep);
  }

  /** Waits until a transaction of {@code time} may be emitted. */
  public void awaitTransaction(Instant time) throws InterruptedException {
    awaitTime(time);
    if (transactionsPerSecond > 0) {
      long now = System.nanoTime();
      if (started < 0) {
        started = now;
      }
      long due = started + Math.round(emitted * NANOS_PER_SECOND / transactionsPerSecond);
      if (due > now) {
        sleeper.sleep(Duration.ofNanos(due - now));
      }
      emitted++;
    }
  }

  /** Waits, when live, until the clock reaches {@code time}. */
  public void awaitTime(Instant time) throws InterruptedException {
    if (live) {
      Duration ahead = Duration.between(clock.instant(), time);
      if (ahead.compareTo(Duration.ZERO) > 0) {
        sleeper.sleep(ahead);
      }
    }
  }

  private static void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
  }
}
