package io.argus.pipeline.dashboard;

import java.time.Duration;
import java.util.Arrays;

/**
 * Events per second over a sliding window of whole seconds, counted by each event's own timestamp (the Kafka record
 * timestamp), so a dashboard that replays the last minutes on start shows the rate of the traffic, not of its
 * catch-up. The second in progress is left out until it is complete. Memory is one slot per second of the window.
 */
final class SlidingRate {

  private final int windowSeconds;
  private final long[] slotSecond;
  private final long[] slotCount;

  SlidingRate(Duration window) {
    if (window.toSeconds() < 1 || window.toSeconds() > 3600 || window.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("rate window must be whole seconds between 1 s and 1 h, got " + window);
    }
    windowSeconds = (int) window.toSeconds();
    slotSecond = new long[windowSeconds + 2];
    slotCount = new long[windowSeconds + 2];
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
    // else: older than anything the window can still show; the slot holds a newer second.
  }

  /** The mean rate over the last {@code window} complete seconds before {@code nowMillis}. */
  double perSecond(long nowMillis) {
    long current = Math.floorDiv(nowMillis, 1000L);
    long count = 0;
    for (int slot = 0; slot < slotSecond.length; slot++) {
      if (slotSecond[slot] >= current - windowSeconds && slotSecond[slot] < current) {
        count += slotCount[slot];
      }
    }
    return count / (double) windowSeconds;
  }
}
