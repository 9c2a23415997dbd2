package io.argus.pipeline.bench;

import java.util.List;

/**
 * How the slowest transactions of the measured window relate to this JVM's collections: how many of them, and how
 * many of all, were in flight (sent, not yet readable as a score) while a collection stopped the JVM. A collection
 * delays whatever is in flight by its length; when the slowest share far more than all do, the collections make the
 * tail.
 *
 * @param collections the collections that overlapped the window, from the first measured send to the last score
 * @param pausedMillis their total length
 * @param slowest the transactions at or above the end-to-end p99
 * @param slowestInPause how many of them were in flight during a collection
 * @param all every measured transaction that was scored
 * @param allInPause how many of them were in flight during a collection
 */
record PauseOverlap(int collections, long pausedMillis, long slowest, long slowestInPause, long all,
    long allInPause) {

  /**
   * The overlap of the scored transactions numbered {@code from} and up with {@code pauses} ({start, end} in epoch
   * microseconds, by start, one after another: {@link io.argus.common.GcPauses#pauses()}).
   *
   * @param p99Millis the end-to-end p99 of those transactions
   */
  static PauseOverlap of(Observations seen, int from, double p99Millis, List<long[]> pauses) {
    long slowestFrom = Math.round(p99Millis * 1_000);
    long windowStart = Long.MAX_VALUE;
    long windowEnd = Long.MIN_VALUE;
    long slowest = 0;
    long slowestInPause = 0;
    long all = 0;
    long allInPause = 0;
    for (int n = from; n < seen.size; n++) {
      long sent = seen.sentMicros[n];
      long scored = seen.scoredMicros[n];
      if (sent == 0 || scored == 0) {
        continue;
      }
      windowStart = Math.min(windowStart, sent);
      windowEnd = Math.max(windowEnd, scored);
      boolean inPause = overlapsAny(pauses, sent, scored);
      all++;
      allInPause += inPause ? 1 : 0;
      if (scored - sent >= slowestFrom) {
        slowest++;
        slowestInPause += inPause ? 1 : 0;
      }
    }
    int collections = 0;
    long pausedMicros = 0;
    for (long[] pause : pauses) {
      if (pause[0] <= windowEnd && pause[1] >= windowStart) {
        collections++;
        pausedMicros += pause[1] - pause[0];
      }
    }
    return new PauseOverlap(collections, pausedMicros / 1_000, slowest, slowestInPause, all, allInPause);
  }

  /** Share of the slowest in flight during a collection, 0 to 1 (NaN with none scored). */
  double slowestShare() {
    return slowest == 0 ? Double.NaN : (double) slowestInPause / slowest;
  }

  /** Share of all in flight during a collection, 0 to 1 (NaN with none scored). */
  double allShare() {
    return all == 0 ? Double.NaN : (double) allInPause / all;
  }

  /** Whether [{@code from}, {@code to}] overlaps one of {@code pauses} (disjoint, by start). */
  private static boolean overlapsAny(List<long[]> pauses, long from, long to) {
    int low = 0;
    int high = pauses.size();
    while (low < high) { // the first pause that starts after `to`
      int middle = (low + high) >>> 1;
      if (pauses.get(middle)[0] <= to) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    // The last pause starting at or before `to` ends latest of those: the JVM stops for one at a time.
    return low > 0 && pauses.get(low - 1)[1] >= from;
  }
}
