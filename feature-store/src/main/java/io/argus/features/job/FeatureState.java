package io.argus.features.job;

import io.argus.features.compute.CardStep;
import io.argus.features.compute.CardSteps;
import io.argus.features.compute.CustomerPayment;
import io.argus.features.compute.CustomerPayments;
import io.argus.features.compute.FraudReport;
import io.argus.features.compute.TerminalFeatures;
import io.argus.features.compute.TerminalVisit;
import io.argus.features.compute.TerminalVisits;
import io.argus.features.compute.TransactionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Every keyed state of the feature job, in one place. Element types are Java records, which Flink serializes as
 * POJOs (no Kryo: the job disables generic types). Renaming a state, or changing its type, breaks restoring from older
 * checkpoints: what serving online adds lives in states of its own, and a history that changed its form is a new
 * state, with the old one still declared and moved into it key by key ({@link #columns}). Lists are read through
 * {@link #list}, without a copy.
 */
final class FeatureState {

  private FeatureState() {
  }

  // Terminal stage, keyed by terminal id.

  /** Transactions waiting, by event time, for the watermark to pass them. */
  static MapStateDescriptor<Long, List<TransactionEvent>> pendingTransactions() {
    return new MapStateDescriptor<>("pending-transactions", Types.LONG, Types.LIST(type(TransactionEvent.class)));
  }

  /** Fraud reports waiting, by report time, for the watermark to pass them. */
  static MapStateDescriptor<Long, List<FraudReport>> pendingReports() {
    return new MapStateDescriptor<>("pending-reports", Types.LONG, Types.LIST(type(FraudReport.class)));
  }

  /** The terminal's transactions of the last 37 days (plus the allowed lateness), in columns. */
  static ValueStateDescriptor<TerminalVisits> terminalHistory() {
    return new ValueStateDescriptor<>("terminal-history", type(TerminalVisits.class));
  }

  /**
   * {@link #terminalHistory()} as a list, as checkpoints before 2026-12-06 hold it: read once per terminal, moved to
   * the columns and cleared.
   */
  static ListStateDescriptor<TerminalVisit> terminalVisits() {
    return new ListStateDescriptor<>("terminal-visits", type(TerminalVisit.class));
  }

  /** Frauds reported for the terminal's transactions of the same span. */
  static ListStateDescriptor<FraudReport> terminalFrauds() {
    return new ListStateDescriptor<>("terminal-frauds", type(FraudReport.class));
  }

  /**
   * The terminal features each waiting transaction was sent with on arrival, by transaction id, until the watermark
   * passes it and its exact features are compared with them (only when the job serves online).
   */
  static MapStateDescriptor<String, TerminalFeatures> servedTerminalFeatures() {
    return new MapStateDescriptor<>("served-terminal-features", Types.STRING, type(TerminalFeatures.class));
  }

  // Customer stage, keyed by customer id.

  /** Transactions of the terminal stage waiting for the watermark, with their (possibly corrected) features. */
  static MapStateDescriptor<Long, List<TerminalScoredTransaction>> pendingScored() {
    return new MapStateDescriptor<>("pending-scored", Types.LONG,
        Types.LIST(type(TerminalScoredTransaction.class)));
  }

  /**
   * What each waiting transaction was served online, by transaction id, until the watermark passes it and its exact
   * vector is compared with it (only when the job serves online).
   */
  static MapStateDescriptor<String, ServedVector> servedVectors() {
    return new MapStateDescriptor<>("served-vectors", Types.STRING, type(ServedVector.class));
  }

  /** The customer's transactions of the last 30 days (plus the allowed lateness), in columns. */
  static ValueStateDescriptor<CustomerPayments> customerHistory() {
    return new ValueStateDescriptor<>("customer-history", type(CustomerPayments.class));
  }

  /** Each of the customer's cards: its steps of the last 30 days (plus the allowed lateness), in columns. */
  static MapStateDescriptor<String, CardSteps> cardHistories() {
    return new MapStateDescriptor<>("card-histories", Types.STRING, type(CardSteps.class));
  }

  /**
   * {@link #customerHistory()} as a list, as checkpoints before 2026-12-05 hold it: read once per customer, moved to
   * the columns and cleared.
   */
  static ListStateDescriptor<CustomerPayment> customerPayments() {
    return new ListStateDescriptor<>("customer-payments", type(CustomerPayment.class));
  }

  /** {@link #cardHistories()} as lists, as checkpoints before 2026-12-05 hold them: moved card by card. */
  static MapStateDescriptor<String, List<CardStep>> cardSteps() {
    return new MapStateDescriptor<>("card-steps", Types.STRING, Types.LIST(type(CardStep.class)));
  }

  // Both stages.

  /** The newest event time applied to the key's histories; its histories are cleared a horizon later. */
  static ValueStateDescriptor<Long> lastEventTime() {
    return new ValueStateDescriptor<>("last-event-time", Types.LONG);
  }

  /** When the key's retention timer fires (only ever moved later; see {@code Retention}). */
  static ValueStateDescriptor<Long> retentionTimer() {
    return new ValueStateDescriptor<>("retention-timer", Types.LONG);
  }

  /**
   * The current key's history in columns; one an older checkpoint holds as a list is moved into the columns first (in
   * event order, by {@code inColumns}) and the list cleared.
   */
  static <C, E> C columns(ValueState<C> columns, ListState<E> listed, C empty, Function<List<E>, C> inColumns)
      throws Exception {
    C history = columns.value();
    if (history != null) {
      return history;
    }
    List<E> entries = list(listed.get());
    if (entries.isEmpty()) {
      return empty;
    }
    history = inColumns.apply(entries);
    columns.update(history);
    listed.clear();
    return history;
  }

  /**
   * A state's entries: the list itself where the backend hands out one (the heap backend returns the list it holds,
   * RocksDB a fresh one), else a copy. Callers only read it, and a history changes by being replaced with a new list
   * ({@code Histories.withEntry}); a caller that adds to it copies it first. Copying every history before reading it
   * was a quarter of the customer stage's CPU in a drain; wrapped read-only, the list measured slower than the copy
   * (pipeline README, a ninth session).
   */
  static <T> List<T> list(Iterable<T> state) {
    if (state instanceof List<T> list) {
      return list;
    }
    List<T> list = new ArrayList<>();
    if (state != null) {
      state.forEach(list::add);
    }
    return list;
  }

  private static <T> TypeInformation<T> type(Class<T> recordClass) {
    return TypeInformation.of(recordClass);
  }
}
