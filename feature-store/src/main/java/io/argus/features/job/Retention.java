package io.argus.features.job;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * Event-time TTL of a key's state: once the watermark passes a horizon after the key's newest event, its histories
 * are cleared, so state is bounded by the population active within the horizon. Event time rather than processing
 * time, so that a replay of history ages state as the live stream would.
 *
 * <p>A key has one retention timer at a time, set a horizon after its first event. An event only notes its time; when
 * the timer fires and newer events came since, it moves to a horizon after the newest. So the histories are cleared
 * exactly a horizon after the newest event, at the cost of one timer a horizon for an active key, where moving the
 * timer with every event cost a delete and a register per transaction (a fifth of the terminal stage's time). Keys
 * restored from a checkpoint of the version that moved it keep their timer there; it clears them when they stayed
 * idle, and their next event sets one of the new kind.
 */
final class Retention {

  private final ValueState<Long> lastEventTime;
  private final ValueState<Long> timer;
  private final long horizonMillis;

  Retention(ValueState<Long> lastEventTime, ValueState<Long> timer, long horizonMillis) {
    this.lastEventTime = lastEventTime;
    this.timer = timer;
    this.horizonMillis = horizonMillis;
  }

  /** Notes an applied event; sets the key's retention timer if it has none. */
  void touch(long eventTime, TimerService timers) throws Exception {
    Long last = lastEventTime.value();
    if (last != null && eventTime <= last) {
      return;
    }
    lastEventTime.update(eventTime);
    if (timer.value() == null) {
      setTimer(eventTime + horizonMillis, timers);
    }
  }

  /**
   * Whether a timer at {@code timestamp} finds the key idle for the whole horizon (the caller then clears its
   * histories and {@link #clear}s this). When it is the key's retention timer and newer events came since, the timer
   * moves to a horizon after the newest.
   */
  boolean expired(long timestamp, TimerService timers) throws Exception {
    Long last = lastEventTime.value();
    if (last == null) {
      return false;
    }
    if (timestamp >= last + horizonMillis) {
      return true;
    }
    Long at = timer.value();
    if (at != null && at == timestamp) {
      setTimer(last + horizonMillis, timers);
    }
    return false;
  }

  private void setTimer(long at, TimerService timers) throws Exception {
    timers.registerEventTimeTimer(at);
    timer.update(at);
  }

  void clear() {
    lastEventTime.clear();
    timer.clear();
  }
}
