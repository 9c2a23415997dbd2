package io.argus.features.job;

import static io.argus.features.job.FeatureState.list;

import io.argus.avro.FraudLabel;
import io.argus.features.FraudV1;
import io.argus.features.compute.EventOrder;
import io.argus.features.compute.FraudReport;
import io.argus.features.compute.TerminalFeatures;
import io.argus.features.compute.TerminalHistory;
import io.argus.features.compute.TerminalVisit;
import io.argus.features.compute.TerminalVisits;
import io.argus.features.compute.TransactionEvent;
import io.argus.features.job.TerminalResult.Kind;
import io.argus.schemas.AvroRecordTypeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Stage 1, keyed by terminal: transactions connected with fraud labels. Every label goes on at once to the
 * {@link #LABELS} side output (for the offline store); frauds and transactions wait for the watermark and are then
 * applied in time order (reports before transactions of the same millisecond, transactions in {@link EventOrder}),
 * which gives each transaction its exact terminal features.
 *
 * <p>When the job serves online, a transaction ahead of the watermark does not wait for them: it leaves at once
 * ({@link Kind#ONLINE}) with the features of what the terminal knows on its arrival, the applied visits and frauds and
 * the waiting ones (a waiting visit cannot fall into its windows, which end a label delay before it, and waiting fraud
 * reports count from their report time on, as applied ones do). When the watermark passes it and its exact features
 * differ (a fraud label reported at or before it arrived after it), a {@link Kind#CORRECTION} follows; Flink emits
 * what a timer outputs before the watermark that fired it, so the correction always reaches the customer stage before
 * that stage's watermark passes the transaction. Without online serving, transactions leave when applied
 * ({@link Kind#EXACT}). A transaction behind the watermark, within the allowed lateness, is applied at once
 * ({@link Kind#EXACT}, as of its own time); one later than that is only served ({@link Kind#TOO_LATE}, from the state
 * as of its time, never applied).
 *
 * <p>{@code transactions} is written at least once: a copy of a transaction (its id already among the terminal's
 * applied or waiting transactions; a served one waits until applied) is dropped here, before it is served, applied or
 * stored, and counted ({@link ServingCount#COPIES_DROPPED}). Copies share the card and so the terminal and this key;
 * the terminal's state keeps its transactions for the horizon plus the allowed lateness, so a copy is recognised for
 * that long.
 */
public final class TerminalStage
    extends KeyedCoProcessFunction<String, AdmittedTransaction, FraudLabel, TerminalResult> {

  private static final long serialVersionUID = 1L;

  /** Every admitted label, passed on at once for the offline store. */
  public static final OutputTag<FraudLabel> LABELS =
      new OutputTag<>("labels", AvroRecordTypeInfo.forRecord(FraudLabel.class));
  private static final Comparator<TransactionEvent> ORDER =
      Comparator.comparing(TransactionEvent::transactionId, EventOrder.TRANSACTION_ID);

  private final Duration allowedLateness;
  private final boolean online;
  private transient EventTimeBuffer<TransactionEvent> pendingTransactions;
  private transient EventTimeBuffer<FraudReport> pendingReports;
  private transient ValueState<TerminalVisits> visits;
  private transient ListState<TerminalVisit> listedVisits;
  private transient ListState<FraudReport> frauds;
  private transient MapState<String, TerminalFeatures> servedFeatures;
  private transient Retention retention;
  private transient ServingCounters counters;

  /**
   * @param online whether transactions are served on arrival; without, they leave only once applied
   */
  public TerminalStage(Duration allowedLateness, boolean online) {
    this.allowedLateness = allowedLateness;
    this.online = online;
  }

  @Override
  public void open(OpenContext openContext) {
    pendingTransactions = new EventTimeBuffer<>(getRuntimeContext().getMapState(FeatureState.pendingTransactions()));
    pendingReports = new EventTimeBuffer<>(getRuntimeContext().getMapState(FeatureState.pendingReports()));
    visits = getRuntimeContext().getState(FeatureState.terminalHistory());
    listedVisits = getRuntimeContext().getListState(FeatureState.terminalVisits());
    frauds = getRuntimeContext().getListState(FeatureState.terminalFrauds());
    servedFeatures = getRuntimeContext().getMapState(FeatureState.servedTerminalFeatures());
    retention = new Retention(getRuntimeContext().getState(FeatureState.lastEventTime()),
        getRuntimeContext().getState(FeatureState.retentionTimer()),
        FraudV1.terminalHorizon().plus(allowedLateness).plusSeconds(1).toMillis());
    counters = ServingCounters.register(getRuntimeContext(), ServingCount.TERMINAL_CORRECTIONS,
        ServingCount.COPIES_DROPPED);
  }

  @Override
  public void processElement1(AdmittedTransaction admitted, Context context, Collector<TerminalResult> out)
      throws Exception {
    TransactionEvent transaction = admitted.event();
    TerminalVisits applied = history();
    List<TransactionEvent> waiting = pendingTransactions.all();
    if (applied.holds(transaction.transactionId()) || waits(transaction.transactionId(), waiting)) {
      counters.increment(ServingCount.COPIES_DROPPED);
      return;
    }
    if (admitted.tooLate()) {
      out.collect(new TerminalResult(Kind.TOO_LATE, transaction,
          TerminalHistory.featuresAt(applied, list(frauds.get()), transaction.eventTime())));
    } else if (transaction.eventTime() <= context.timerService().currentWatermark()) {
      out.collect(new TerminalResult(Kind.EXACT, transaction, apply(transaction, applied, context)));
    } else {
      if (online) {
        TerminalFeatures known = onArrival(transaction, applied, waiting);
        servedFeatures.put(transaction.transactionId(), known);
        out.collect(new TerminalResult(Kind.ONLINE, transaction, known));
      }
      pendingTransactions.add(transaction.eventTime(), transaction, context.timerService());
    }
  }

  @Override
  public void processElement2(FraudLabel label, Context context, Collector<TerminalResult> out) throws Exception {
    context.output(LABELS, label);
    if (!label.getFraud()) {
      return;
    }
    FraudReport report = FraudReport.of(label);
    if (report.reportedAt() <= context.timerService().currentWatermark()) {
      apply(report, context);
    } else {
      pendingReports.add(report.reportedAt(), report, context.timerService());
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<TerminalResult> out) throws Exception {
    for (FraudReport report : pendingReports.drain(timestamp)) {
      apply(report, context);
    }
    List<TransactionEvent> transactions = new ArrayList<>(pendingTransactions.drain(timestamp));
    transactions.sort(ORDER);
    for (TransactionEvent transaction : transactions) {
      TerminalFeatures exact = apply(transaction, history(), context);
      TerminalFeatures served = online ? servedFeatures.get(transaction.transactionId()) : null;
      if (served == null) {
        out.collect(new TerminalResult(Kind.EXACT, transaction, exact));
      } else {
        servedFeatures.remove(transaction.transactionId());
        if (!served.equals(exact)) {
          counters.increment(ServingCount.TERMINAL_CORRECTIONS);
          out.collect(new TerminalResult(Kind.CORRECTION, transaction, exact));
        }
      }
    }
    if (retention.expired(timestamp, context.timerService())) {
      visits.clear();
      listedVisits.clear();
      frauds.clear();
      retention.clear();
    }
  }

  /** Whether a transaction with this id is among the terminal's waiting ones (a served one waits). */
  private static boolean waits(String transactionId, List<TransactionEvent> waiting) {
    for (TransactionEvent event : waiting) {
      if (EventOrder.sameId(event.transactionId(), transactionId)) {
        return true;
      }
    }
    return false;
  }

  /** The features of a transaction on arrival: from the applied and the waiting visits and fraud reports. */
  private TerminalFeatures onArrival(TransactionEvent transaction, TerminalVisits applied,
      List<TransactionEvent> waiting) throws Exception {
    List<FraudReport> reports = new ArrayList<>(list(frauds.get()));
    reports.addAll(pendingReports.all());
    return TerminalHistory.featuresOnArrival(applied, waiting, reports, transaction.eventTime());
  }

  /** Applies a transaction to the terminal's visits ({@code known}, read from state by the caller). */
  private TerminalFeatures apply(TransactionEvent transaction, TerminalVisits known, Context context)
      throws Exception {
    TerminalFeatures features = TerminalHistory.featuresAt(known, list(frauds.get()), transaction.eventTime());
    visits.update(TerminalHistory.withVisit(known, transaction,
        TerminalHistory.keepAfterSecond(transaction.eventTime(), allowedLateness)));
    retention.touch(transaction.eventTime(), context.timerService());
    return features;
  }

  /** The terminal's applied visits; those of an older checkpoint's list are moved to the columns first. */
  private TerminalVisits history() throws Exception {
    return FeatureState.columns(visits, listedVisits, TerminalVisits.EMPTY, TerminalVisits::of);
  }

  private void apply(FraudReport report, Context context) throws Exception {
    frauds.update(TerminalHistory.withReport(list(frauds.get()), report,
        TerminalHistory.keepAfterSecond(report.reportedAt(), allowedLateness)));
    retention.touch(report.reportedAt(), context.timerService());
  }
}
