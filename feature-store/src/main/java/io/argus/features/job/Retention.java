package io.argus.features.job;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * Event-time TTL of a key's state: one timer a horizon after the key's newest event; when it fires with nothing
 * newer, the key's histories are cleared, so state is bounded by the population active within the horizon. Event
 * time rather than processing time, so that a replay of history ages state as the live stream would.
 */
final class Retention {

  /** Whether a buffer still waits on a timer at that time (such a timer must not be deleted). */
  interface TimerInUse {
    boolean at(long timestamp) throws Exception;
  }

  private final ValueState<Long> lastEventTime;
  private final long horizonMillis;

  Retention(ValueState<Long> lastEventTime, long horizonMillis) {
    this.lastEventTime = lastEventTime;
    this.horizonMillis = horizonMillis;
  }

  /** Notes an applied event and moves the key's retention timer to a horizon after its newest event. */
  void touch(long eventTime, TimerService timers, TimerInUse inUse) throws Exception {
    Long last = lastEventTime.value();
    if (last != null && eventTime <= last) {
      return;
    }
    if (last != null && !inUse.at(last + horizonMillis)) {
      timers.deleteEventTimeTimer(last + horizonMillis);
    }
    lastEventTime.update(eventTime);
    timers.registerEventTimeTimer(eventTime + horizonMillis);
  }

  /** Whether a timer at {@code timestamp} finds the key idle for the whole horizon. */
  boolean expired(long timestamp) throws Exception {
    Long last = lastEventTime.value();
    return last != null && timestamp >= last + horizonMillis;
  }

  void clear() {
    lastEventTime.clear();
  }
}
