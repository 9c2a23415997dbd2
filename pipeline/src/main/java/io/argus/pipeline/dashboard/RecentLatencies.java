package io.argus.pipeline.dashboard;

import io.argus.common.LatencyHistogram;

/**
 * The most recent latencies of one scoring stage (a sliding window by count, not a random sample), in microseconds
 * as {@code FraudScore.timings} carries them, and their percentiles in milliseconds. The percentiles are
 * {@link LatencyHistogram}'s (nearest rank, three significant digits, exact below 2.048 ms), recomputed over the
 * held values at each snapshot: a few thousand recordings once a second. Not thread-safe.
 */
final class RecentLatencies {

  /** p50, p99 and p99.9 in milliseconds of the held latencies, and how many there are (0: all are 0). */
  record Percentiles(double p50, double p99, double p999, int samples) {
  }

  private final long[] micros;
  private final LatencyHistogram histogram = LatencyHistogram.microseconds();
  private int size;
  private int next;

  RecentLatencies(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    micros = new long[capacity];
  }

  /** Holds one latency; the oldest falls out once {@code capacity} are held. */
  void add(long latencyMicros) {
    if (latencyMicros < 0) {
      throw new IllegalArgumentException("a latency is zero or more, got " + latencyMicros + " us");
    }
    micros[next] = latencyMicros;
    next = (next + 1) % micros.length;
    size = Math.min(size + 1, micros.length);
  }

  int size() {
    return size;
  }

  Percentiles percentiles() {
    if (size == 0) {
      return new Percentiles(0, 0, 0, 0);
    }
    histogram.reset();
    for (int i = 0; i < size; i++) {
      histogram.record(micros[i]);
    }
    io.argus.common.Percentiles percentiles = histogram.percentiles();
    return new Percentiles(percentiles.p50(), percentiles.p99(), percentiles.p999(), size);
  }
}
