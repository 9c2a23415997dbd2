package io.argus.common;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces a benchmark's load: record {@code n} is due {@code n / rate} seconds after the start, so the rate holds on
 * average however late any one send is. It waits by parking, never by spinning: the load shares the machine with
 * what it measures, and a generator spinning for the last fraction of every gap took most of a core at 5,000
 * records/s (the pipeline benchmark's profile). A park overshoots by some tens of microseconds, so records go out that
 * late, a few at a time at high rates; a benchmark times each record from its actual send, not from its due time.
 */
public final class SteadyRate {

  private final long startNanos;
  private final double nanosPerRecord;

  /** Starts the clock now. */
  public SteadyRate(double perSecond) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("a rate must be positive and finite, got " + perSecond);
    }
    this.startNanos = System.nanoTime();
    this.nanosPerRecord = 1e9 / perSecond;
  }

  /** Returns once record {@code n} (from 0) is due: at once if it already is. */
  public void awaitDue(long n) {
    long due = startNanos + (long) (n * nanosPerRecord);
    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }

  /** When the clock started ({@link System#nanoTime()}). */
  public long startNanos() {
    return startNanos;
  }
}
