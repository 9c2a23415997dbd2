package io.argus.scorer.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of durations in nanoseconds, reported in milliseconds. */
record Percentiles(int count, double p50, double p99, double p999, double max) {

  static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  static Percentiles ofNanos(long[] nanos, int count) {
    if (count == 0) {
      return NONE;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Percentiles(count, millis(sorted, 0.50), millis(sorted, 0.99), millis(sorted, 0.999),
        sorted[count - 1] / 1e6);
  }

  private static double millis(long[] sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
