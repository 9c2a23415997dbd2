package io.argus.features.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a key's events until the watermark passes their time, so they are applied in time order whatever order
 * they arrived in (within the out-of-orderness bound). One event-time timer per distinct timestamp. What it holds can
 * be read (to serve an event on arrival from the state plus what still waits) and replaced (to correct it).
 */
final class EventTimeBuffer<T> {

  private final MapState<Long, List<T>> pending;

  EventTimeBuffer(MapState<Long, List<T>> pending) {
    this.pending = pending;
  }

  void add(long timestamp, T event, TimerService timers) throws Exception {
    List<T> events = pending.get(timestamp);
    if (events == null) {
      events = new ArrayList<>(1);
      timers.registerEventTimeTimer(timestamp);
    } else {
      events = new ArrayList<>(events);
    }
    events.add(event);
    pending.put(timestamp, events);
  }

  /** The events at {@code timestamp}, removed from the buffer (empty when none). */
  List<T> drain(long timestamp) throws Exception {
    List<T> events = pending.get(timestamp);
    if (events == null) {
      return List.of();
    }
    pending.remove(timestamp);
    if (pending.isEmpty()) {
      pending.clear();
    }
    return events;
  }

  /** The events at {@code timestamp}, still held (empty when none). */
  List<T> at(long timestamp) throws Exception {
    List<T> events = pending.get(timestamp);
    return events == null ? List.of() : events;
  }

  /** Replaces the events held at {@code timestamp}, which must hold some (its timer stays as it is). */
  void replace(long timestamp, List<T> events) throws Exception {
    if (!pending.contains(timestamp) || events.isEmpty()) {
      throw new IllegalArgumentException("the buffer holds nothing at " + timestamp + " to replace with " + events);
    }
    pending.put(timestamp, new ArrayList<>(events));
  }

  /** Every event held, in no particular order. */
  List<T> all() throws Exception {
    List<T> all = new ArrayList<>();
    for (List<T> events : pending.values()) {
      all.addAll(events);
    }
    return all;
  }
}
