package io.argus.pipeline.drill;

import java.time.Duration;
import java.util.Map;

/**
 * How long scores stopped flowing: the longest gap between two consecutive scores of one partition of
 * {@code fraud-scores}, as the drill's reader received them, within a window. Measured per partition, because a kill
 * may stop only some of them (a scorer instance's, a broker's leaderships) while the others keep the total flowing;
 * the gap that spans the kill starts at the partition's last score before it. A partition that received nothing
 * after its last score until the window's end counts that time as a gap too.
 */
final class Stalls {

  private Stalls() {
  }

  /**
   * The longest gap in any partition between {@code from} and {@code to} ({@link System#nanoTime()} values).
   *
   * @param arrivals each partition's score arrival times, in order
   */
  static Duration longestGap(Map<Integer, long[]> arrivals, long from, long to) {
    if (to < from) {
      throw new IllegalArgumentException("the window ends before it starts: " + from + " > " + to);
    }
    long longest = 0;
    for (long[] times : arrivals.values()) {
      longest = Math.max(longest, longestGap(times, from, to));
    }
    return Duration.ofNanos(longest);
  }

  private static long longestGap(long[] times, long from, long to) {
    long previous = from;
    long longest = 0;
    for (long time : times) {
      if (time <= from) {
        previous = time;
      } else if (time <= to) {
        longest = Math.max(longest, time - previous);
        previous = time;
      } else {
        break;
      }
    }
    return Math.max(longest, to - previous);
  }
}
