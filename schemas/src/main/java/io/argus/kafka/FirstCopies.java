package io.argus.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps one record per id for a reader of a topic written at least once ({@code fraud-scores} by transaction id,
 * {@code alerts} by alert id): the first record of an id is new, a later one a copy, to be dropped.
 *
 * <p>A writer that dies writes again, after its restart, what it wrote since its last commit, so a copy follows its
 * first within one restart's worth of records. The ids of the last {@code capacity} records are remembered (in the
 * order first seen, the oldest forgotten first), which bounds the memory; a copy of an id older than that passes as
 * new. Safe for several threads.
 */
public final class FirstCopies {

  private final Map<String, Boolean> recent;

  /** @param capacity how many of the most recent ids to remember; at least 1 */
  public FirstCopies(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.recent = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Whether this is the first record of {@code id} among the remembered ones. */
  public synchronized boolean first(String id) {
    return recent.putIfAbsent(id, Boolean.TRUE) == null;
  }
}
