package io.argus.common;

/**
 * How a latency is distributed, in milliseconds: how many were recorded, the median, the 99th and the 99.9th
 * percentile and the largest, as a {@link LatencyHistogram} reports them. Each percentile is the nearest-rank value
 * (the smallest recorded value with at least that share of the values at or below it), kept to three significant
 * decimal digits: HdrHistogram reports the top of the value's bucket, at most 0.1 % above the value recorded, and
 * exactly the value below 2,048 units of the recording (2.048 µs for nanoseconds, 2.048 ms for microseconds).
 *
 * @param count the values recorded
 */
public record Percentiles(long count, double p50, double p99, double p999, double max) {

  /** No value recorded: every figure is {@code NaN}. */
  public static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
