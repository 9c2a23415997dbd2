package io.argus.common;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies recorded for their {@link Percentiles}: an HdrHistogram that keeps three significant decimal digits of
 * each value (so a percentile is at most 0.1 % above the value recorded) and grows to fit any value. The one way
 * Argus turns latencies into p50, p99, p99.9 and max, for benchmarks, the dashboard and reports alike. Values are
 * recorded as whole numbers of the unit chosen at creation and reported in milliseconds. Not thread-safe: one thread
 * records, and reads after it (or after a happens-before, such as {@link Thread#join()}).
 */
public final class LatencyHistogram {

  private static final int SIGNIFICANT_DIGITS = 3;

  private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
  private final TimeUnit unit;
  private final double unitsPerMillisecond;

  private LatencyHistogram(TimeUnit unit) {
    this.unit = unit;
    this.unitsPerMillisecond = unit.convert(1, TimeUnit.MILLISECONDS);
  }

  /** Records nanoseconds (from {@link System#nanoTime()} differences). */
  public static LatencyHistogram nanoseconds() {
    return new LatencyHistogram(TimeUnit.NANOSECONDS);
  }

  /** Records microseconds (the unit of {@code FraudScore.timings}). */
  public static LatencyHistogram microseconds() {
    return new LatencyHistogram(TimeUnit.MICROSECONDS);
  }

  /** Records milliseconds (differences of epoch milliseconds). */
  public static LatencyHistogram milliseconds() {
    return new LatencyHistogram(TimeUnit.MILLISECONDS);
  }

  /**
   * Records one latency, in this histogram's unit.
   *
   * @throws IllegalArgumentException when {@code value} is negative
   */
  public void record(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a latency is zero or more, got " + value + " " + unit);
    }
    histogram.recordValue(value);
  }

  /** Records one latency, to this histogram's unit (rounded down). */
  public void record(Duration latency) {
    record(unit.convert(latency));
  }

  /** How many latencies were recorded. */
  public long count() {
    return histogram.getTotalCount();
  }

  /** Forgets every latency recorded. */
  public void reset() {
    histogram.reset();
  }

  /** The percentiles of what was recorded, in milliseconds; {@link Percentiles#NONE} when nothing was. */
  public Percentiles percentiles() {
    if (histogram.getTotalCount() == 0) {
      return Percentiles.NONE;
    }
    return new Percentiles(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
        millis(histogram.getValueAtPercentile(99)), millis(histogram.getValueAtPercentile(99.9)),
        millis(histogram.getMaxValue()));
  }

  private double millis(long value) {
    return value / unitsPerMillisecond;
  }
}
