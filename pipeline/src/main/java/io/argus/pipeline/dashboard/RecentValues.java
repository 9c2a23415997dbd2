package io.argus.pipeline.dashboard;

import java.util.Arrays;

/**
 * The most recent values of a measurement (a sliding reservoir by count, not a random sample): percentiles and a
 * histogram are exact over those values. A snapshot copies and sorts at most {@code capacity} doubles, which is
 * cheap once a second and needs no dependency; older values fall out as new ones arrive.
 */
final class RecentValues {

  /** Nearest-rank percentiles of the held values, and how many there are (0: all percentiles are 0). */
  record Percentiles(double p50, double p99, double p999, int samples) {
  }

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

  Percentiles percentiles() {
    if (size == 0) {
      return new Percentiles(0, 0, 0, 0);
    }
    double[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.99), rank(sorted, 0.999), size);
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

  private static double rank(double[] sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
