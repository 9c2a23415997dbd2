package io.argus.pipeline.bench;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the benchmark saw of each transaction of one {@link BenchPhase}, by its number: when its raw record was sent,
 * when it became readable (read committed) on {@code transactions}, {@code features} and {@code fraud-scores}, and the
 * instants the roles wrote into the records themselves ({@code ingestTime}, {@code computedAt}, {@code scoredAt}).
 * Times are microseconds since the epoch from the wall clock, which every process on the machine shares; the records'
 * own instants are milliseconds. Each array is written by one thread (the sender, or the reader of one topic), first
 * sighting only, and read once the readers have stopped.
 */
final class Observations {

  final int size;
  final long[] sentMicros;
  final long[] validatedMicros;
  final long[] ingestMillis;
  final long[] featuredMicros;
  final long[] computedMillis;
  final long[] scoredMicros;
  final long[] scoredAtMillis;
  final boolean[] explained;
  final AtomicInteger validated = new AtomicInteger();
  final AtomicInteger featured = new AtomicInteger();
  final AtomicInteger scored = new AtomicInteger();
  final AtomicInteger deadLettered = new AtomicInteger();

  Observations(int size) {
    this.size = size;
    sentMicros = new long[size];
    validatedMicros = new long[size];
    ingestMillis = new long[size];
    featuredMicros = new long[size];
    computedMillis = new long[size];
    scoredMicros = new long[size];
    scoredAtMillis = new long[size];
    explained = new boolean[size];
  }

  /** Now, in microseconds since the epoch (the wall clock, at its full resolution). */
  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  void sent(int number, long micros) {
    sentMicros[number] = micros;
  }

  void validated(int number, long micros, long ingestTimeMillis) {
    if (number < size && validatedMicros[number] == 0) {
      validatedMicros[number] = micros;
      ingestMillis[number] = ingestTimeMillis;
      validated.incrementAndGet();
    }
  }

  void featured(int number, long micros, long computedAtMillis) {
    if (number < size && featuredMicros[number] == 0) {
      featuredMicros[number] = micros;
      computedMillis[number] = computedAtMillis;
      featured.incrementAndGet();
    }
  }

  void scored(int number, long micros, long scoredAt, boolean withExplanation) {
    if (number < size && scoredMicros[number] == 0) {
      scoredMicros[number] = micros;
      scoredAtMillis[number] = scoredAt;
      explained[number] |= withExplanation;
      scored.incrementAndGet();
    }
  }

  /** Transaction {@code number}'s alert arrived with its explanation. */
  void explained(int number) {
    if (number >= 0 && number < size) {
      explained[number] = true;
    }
  }

  /** The first and last time a transaction of this phase became readable in {@code times}, or null if none did. */
  static long[] span(long[] times) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (long time : times) {
      if (time != 0) {
        first = Math.min(first, time);
        last = Math.max(last, time);
      }
    }
    return first == Long.MAX_VALUE ? null : new long[] {first, last};
  }
}
