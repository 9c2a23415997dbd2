package io.argus.pipeline.dashboard;

/**
 * The most recent values of a measurement (a sliding reservoir by count, not a random sample), such as scores, and
 * their histogram over [0, 1], exact over those values; older values fall out as new ones arrive. Latencies, which
 * need percentiles, are held by {@link RecentLatencies}.
 */
final class RecentValues {

  private final double[] values;
  private int size;
  private int next;

  RecentValues(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    values = new double[capacity];
  }

  void add(double value) {
    values[next] = value;
    next = (next + 1) % values.length;
    size = Math.min(size + 1, values.length);
  }

  int size() {
    return size;
  }

  /** Counts of the held values in {@code bins} equal bins over [0, 1]; 1.0 falls in the last bin. */
  long[] histogram(int bins) {
    long[] counts = new long[bins];
    for (int i = 0; i < size; i++) {
      int bin = (int) Math.floor(values[i] * bins);
      counts[Math.max(0, Math.min(bins - 1, bin))]++;
    }
    return counts;
  }
}
