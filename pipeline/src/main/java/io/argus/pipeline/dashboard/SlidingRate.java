package io.argus.pipeline.dashboard;

import java.time.Duration;
import java.util.Arrays;

/**
 * Events per second, counted by each event's own timestamp (the Kafka record timestamp), so a dashboard that replays
 * the last minutes on start shows the rate of the traffic, not of its catch-up: the mean over a sliding window of
 * whole seconds, and the count of each of the last seconds of a longer history. The second in progress is left out
 * until it is complete. Memory is one slot per second of the history.
 */
final class SlidingRate {

  private final int windowSeconds;
  private final int historySeconds;
  private final long[] slotSecond;
  private final long[] slotCount;

  SlidingRate(Duration window, Duration history) {
    if (window.toSeconds() < 1 || window.toMillis() % 1000 != 0 || window.compareTo(history) > 0
        || history.toSeconds() > 3600 || history.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("rate window and history must be whole seconds, the window at least 1 s and "
          + "the history between the window and 1 h, got " + window + " and " + history);
    }
    windowSeconds = (int) window.toSeconds();
    historySeconds = (int) history.toSeconds();
    slotSecond = new long[historySeconds + 2];
    slotCount = new long[historySeconds + 2];
    Arrays.fill(slotSecond, Long.MIN_VALUE);
  }

  void record(long timestampMillis) {
    long second = Math.floorDiv(timestampMillis, 1000L);
    int slot = (int) Math.floorMod(second, (long) slotSecond.length);
    if (slotSecond[slot] == second) {
      slotCount[slot]++;
    } else if (slotSecond[slot] < second) {
      slotSecond[slot] = second;
      slotCount[slot] = 1;
    }
    // else: older than anything the history can still show; the slot holds a newer second.
  }

  /** The mean rate over the last {@code window} complete seconds before {@code nowMillis}. */
  double perSecond(long nowMillis) {
    long[] counts = countsPerSecond(nowMillis);
    long sum = 0;
    for (int i = counts.length - windowSeconds; i < counts.length; i++) {
      sum += counts[i];
    }
    return sum / (double) windowSeconds;
  }

  /** The count of each of the last {@code history} complete seconds before {@code nowMillis}, oldest first. */
  long[] countsPerSecond(long nowMillis) {
    long first = Math.floorDiv(nowMillis, 1000L) - historySeconds;
    long[] counts = new long[historySeconds];
    for (int i = 0; i < historySeconds; i++) {
      int slot = (int) Math.floorMod(first + i, (long) slotSecond.length);
      counts[i] = slotSecond[slot] == first + i ? slotCount[slot] : 0;
    }
    return counts;
  }
}
