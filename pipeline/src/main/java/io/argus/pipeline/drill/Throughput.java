package io.argus.pipeline.drill;

import java.time.Duration;
import java.util.Arrays;
import java.util.LongSummaryStatistics;
import java.util.Map;

/**
 * What flowed in a window of the drill: raw records sent, scores read (every partition of {@code fraud-scores}) and
 * transactions through the feature job, each a second. At a rate the machine keeps up with, all three equal the
 * traffic's; above it, the scores and features fall behind. Their rates within the window then understate the
 * pipeline's capacity (roles still warming up score little while the traffic flows, and catch up after it), so the
 * capacity with the drill's processes and parallelism ({@code --kill none --tps HIGH --scorers N --parallelism N}) is
 * {@link #sustainedScoresPerSecond}: every score, from the first to the last, the drain after the traffic included.
 *
 * @param window the window's length
 * @param sustainedScoresPerSecond every score read over the time from the first score to the last
 */
record Throughput(double sentPerSecond, double scoresPerSecond, double featuresPerSecond, Duration window,
    double sustainedScoresPerSecond) {

  /** The feature job's count when it is not known: {@link #featuresPerSecond()} is then NaN. */
  static final long UNKNOWN = -1;

  /**
   * The rates between {@code from} and {@code to} ({@link System#nanoTime()} values).
   *
   * @param sent when each acknowledged raw record was sent
   * @param scores each partition's score arrival times, the drain after the window included
   * @param features transactions through the feature job within the window, or {@link #UNKNOWN} when the job
   *     restarted within it (its counters start again from zero on every restart)
   */
  static Throughput of(long[] sent, Map<Integer, long[]> scores, long features, long from, long to) {
    LongSummaryStatistics arrivals = scores.values().stream().flatMapToLong(Arrays::stream).summaryStatistics();
    double sustained = arrivals.getCount() < 2 || arrivals.getMax() == arrivals.getMin() ? 0
        : (arrivals.getCount() - 1) / ((arrivals.getMax() - arrivals.getMin()) / 1e9);
    if (to <= from) {
      return new Throughput(0, 0, 0, Duration.ZERO, sustained);
    }
    double seconds = (to - from) / 1e9;
    long scored = scores.values().stream().mapToLong(times -> within(times, from, to)).sum();
    double featuresPerSecond = features == UNKNOWN ? Double.NaN : features / seconds;
    return new Throughput(within(sent, from, to) / seconds, scored / seconds, featuresPerSecond,
        Duration.ofNanos(to - from), sustained);
  }

  private static long within(long[] times, long from, long to) {
    long count = 0;
    for (long time : times) {
      if (time >= from && time < to) {
        count++;
      }
    }
    return count;
  }
}
