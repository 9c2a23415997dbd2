package io.argus.features.compute;

import static io.argus.features.compute.EventOrder.second;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The one way a history grows: a new list with the entries too old to matter dropped and the new entry added in
 * {@link EventOrder} (event time, then transaction id). A history written this way stays in that order whatever order
 * its transactions arrived in, so a reader that needs it sorts only a history of a checkpoint from before 2026-12-05,
 * whose entries were appended as they arrived.
 */
final class Histories {

  private Histories() {
  }

  static <T> List<T> withEntry(List<T> history, T entry, ToLongFunction<T> eventTime,
      Function<T, String> transactionId, long keepAfterSecond) {
    List<T> kept = new ArrayList<>(history.size() + 1);
    for (T known : history) {
      if (second(eventTime.applyAsLong(known)) > keepAfterSecond) {
        kept.add(known);
      }
    }
    long time = eventTime.applyAsLong(entry);
    String id = transactionId.apply(entry);
    int at = kept.size();
    while (at > 0 && !EventOrder.atOrBefore(eventTime.applyAsLong(kept.get(at - 1)),
        transactionId.apply(kept.get(at - 1)), time, id)) {
      at--;
    }
    kept.add(at, entry);
    return kept;
  }
}
