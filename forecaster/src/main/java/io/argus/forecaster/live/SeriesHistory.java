package io.argus.forecaster.live;

import java.util.Arrays;

/**
 * The recent values of one series, oldest first, up to a capacity; when full it drops its oldest whole period, so
 * that the seasonal phase of every position ({@code index % period}) stays what it was.
 */
final class SeriesHistory {

  private final int period;
  private final double[] values;
  private int size;

  /** Keeps at least {@code capacity} values (rounded up to whole periods). */
  SeriesHistory(int capacity, int period) {
    this.period = period;
    this.values = new double[capacity(capacity, period) + period];
  }

  /** The values kept at least: {@code capacity} rounded up to whole periods. */
  static int capacity(int capacity, int period) {
    return (capacity + period - 1) / period * period;
  }

  void append(double value) {
    if (size == values.length) {
      System.arraycopy(values, period, values, 0, size - period);
      size -= period;
    }
    values[size++] = value;
  }

  int size() {
    return size;
  }

  /** A copy of the values, oldest first. */
  double[] values() {
    return Arrays.copyOf(values, size);
  }
}
