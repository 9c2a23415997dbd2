package io.argus.features.compute;

import static io.argus.features.compute.EventOrder.second;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The one way a history grows: a new list (or new columns) with the entries too old to matter dropped and the new
 * entry added in {@link EventOrder} (event time, then transaction id). A history written this way stays in that
 * order whatever order its transactions arrived in. A list of an older checkpoint may not be in it (its entries
 * were appended as they arrived): a customer's, card's or terminal's is put in order as it moves to columns.
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

  /**
   * Where a history in columns, in {@link EventOrder}, changes when an entry ({@code time}, {@code id}) is added:
   * the entries from index {@code from} on are kept (those too old to matter are a prefix), and the new entry goes
   * at {@code at} of the old indices (after every kept entry at or before it).
   */
  record Placement(int from, int at) {

    static Placement of(long[] eventTimes, String[] transactionIds, long keepAfterSecond, long time, String id) {
      int from = 0;
      while (from < eventTimes.length && second(eventTimes[from]) <= keepAfterSecond) {
        from++;
      }
      int at = eventTimes.length;
      while (at > from && !EventOrder.atOrBefore(eventTimes[at - 1], transactionIds[at - 1], time, id)) {
        at--;
      }
      return new Placement(from, at);
    }

    long[] apply(long[] column, long value) {
      long[] placed = splice(column, column.length, new long[column.length - from + 1]);
      placed[at - from] = value;
      return placed;
    }

    double[] apply(double[] column, double value) {
      double[] placed = splice(column, column.length, new double[column.length - from + 1]);
      placed[at - from] = value;
      return placed;
    }

    int[] apply(int[] column, int value) {
      int[] placed = splice(column, column.length, new int[column.length - from + 1]);
      placed[at - from] = value;
      return placed;
    }

    String[] apply(String[] column, String value) {
      String[] placed = splice(column, column.length, new String[column.length - from + 1]);
      placed[at - from] = value;
      return placed;
    }

    /** Copies the kept entries of {@code column} into {@code placed}, leaving the new entry's index free. */
    private <A> A splice(A column, int length, A placed) {
      System.arraycopy(column, from, placed, 0, at - from);
      System.arraycopy(column, at, placed, at - from + 1, length - at);
      return placed;
    }
  }
}
