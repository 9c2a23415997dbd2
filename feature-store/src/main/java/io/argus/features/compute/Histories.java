package io.argus.features.compute;

import static io.argus.features.compute.EventOrder.second;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** The one way a history grows: a new list with the entry added and the entries too old to matter dropped. */
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
    kept.add(entry);
    return kept;
  }
}
