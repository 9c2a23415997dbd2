package io.argus.features.compute;

import static io.argus.features.compute.EventOrder.second;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The one way a history grows: a new list with the entries too old to matter dropped and the new entry added in
 * event-time order (after those of the same time). A history written in this order stays in it, so a reader that needs
 * event order sorts only a history of an older checkpoint, whose entries were appended as they arrived.
 */
final class Histories {

  private Histories() {
  }

  static <T> List<T> withEntry(List<T> history, T entry, ToLongFunction<T> eventTime, long keepAfterSecond) {
    List<T> kept = new ArrayList<>(history.size() + 1);
    for (T known : history) {
      if (second(eventTime.applyAsLong(known)) > keepAfterSecond) {
        kept.add(known);
      }
    }
    long time = eventTime.applyAsLong(entry);
    int at = kept.size();
    while (at > 0 && eventTime.applyAsLong(kept.get(at - 1)) > time) {
      at--;
    }
    kept.add(at, entry);
    return kept;
  }
}
