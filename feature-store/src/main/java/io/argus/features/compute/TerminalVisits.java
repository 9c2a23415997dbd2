package io.argus.features.compute;

import java.util.List;

/**
 * A terminal's history in columns, in {@link EventOrder}: entry {@code i} is the transaction {@code
 * transactionIds[i]} at {@code eventTimes[i]}, with {@code idHashes[i]} the id's hash (see {@link CustomerPayments}
 * for why columns). In event order, each window of the terminal's features is a range of indices, found by binary
 * search. Never changed once built: {@link TerminalHistory#withVisit} makes a new one.
 */
public record TerminalVisits(String[] transactionIds, int[] idHashes, long[] eventTimes) {

  /** No visits. */
  public static final TerminalVisits EMPTY = new TerminalVisits(new String[0], new int[0], new long[0]);

  /** The entries in columns, in {@link EventOrder} whatever their order in the list (an older checkpoint's). */
  public static TerminalVisits of(List<TerminalVisit> entries) {
    TerminalVisits columns = EMPTY;
    for (TerminalVisit visit : entries) {
      columns = columns.with(visit, Long.MIN_VALUE);
    }
    return columns;
  }

  /** Whether a visit of the transaction {@code transactionId} is among these. */
  public boolean holds(String transactionId) {
    int hash = transactionId.hashCode();
    for (int i = 0; i < idHashes.length; i++) {
      if (idHashes[i] == hash && transactionIds[i].equals(transactionId)) {
        return true;
      }
    }
    return false;
  }

  /** These visits with {@code visit} added in event order, keeping only those after {@code keepAfterSecond}. */
  TerminalVisits with(TerminalVisit visit, long keepAfterSecond) {
    Histories.Placement placement = Histories.Placement.of(eventTimes, transactionIds, keepAfterSecond,
        visit.eventTime(), visit.transactionId());
    return new TerminalVisits(placement.apply(transactionIds, visit.transactionId()),
        placement.apply(idHashes, visit.transactionId().hashCode()), placement.apply(eventTimes, visit.eventTime()));
  }
}
