package io.argus.features.job;

import io.argus.avro.FraudLabel;
import io.argus.features.FraudV1;
import io.argus.features.compute.EventOrder;
import io.argus.features.compute.FraudReport;
import io.argus.features.compute.TerminalFeatures;
import io.argus.features.compute.TerminalHistory;
import io.argus.features.compute.TerminalVisit;
import io.argus.features.compute.TransactionEvent;
import io.argus.schemas.AvroRecordTypeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Stage 1, keyed by terminal: transactions connected with fraud labels. Every label goes on at once to the
 * {@link #LABELS} side output (for the offline store); frauds and transactions wait for the watermark and are then
 * applied in time order (reports before transactions of the same millisecond, transactions in {@link EventOrder});
 * each transaction leaves with its terminal's counts and risks at its time. An event behind the watermark (within
 * the allowed lateness, checked upstream) is applied at once, with the values as of its own time.
 */
public final class TerminalStage
    extends KeyedCoProcessFunction<String, TransactionEvent, FraudLabel, TerminalScoredTransaction> {

  private static final long serialVersionUID = 1L;

  /** Every admitted label, passed on at once for the offline store. */
  public static final OutputTag<FraudLabel> LABELS =
      new OutputTag<>("labels", AvroRecordTypeInfo.forRecord(FraudLabel.class));
  private static final Comparator<TransactionEvent> ORDER =
      Comparator.comparing(TransactionEvent::transactionId, EventOrder.TRANSACTION_ID);

  private final Duration allowedLateness;
  private transient EventTimeBuffer<TransactionEvent> pendingTransactions;
  private transient EventTimeBuffer<FraudReport> pendingReports;
  private transient ListState<TerminalVisit> visits;
  private transient ListState<FraudReport> frauds;
  private transient Retention retention;

  public TerminalStage(Duration allowedLateness) {
    this.allowedLateness = allowedLateness;
  }

  @Override
  public void open(OpenContext openContext) {
    pendingTransactions = new EventTimeBuffer<>(getRuntimeContext().getMapState(FeatureState.pendingTransactions()));
    pendingReports = new EventTimeBuffer<>(getRuntimeContext().getMapState(FeatureState.pendingReports()));
    visits = getRuntimeContext().getListState(FeatureState.terminalVisits());
    frauds = getRuntimeContext().getListState(FeatureState.terminalFrauds());
    retention = new Retention(getRuntimeContext().getState(FeatureState.lastEventTime()),
        FraudV1.terminalHorizon().plus(allowedLateness).plusSeconds(1).toMillis());
  }

  @Override
  public void processElement1(TransactionEvent transaction, Context context,
      Collector<TerminalScoredTransaction> out) throws Exception {
    if (transaction.eventTime() <= context.timerService().currentWatermark()) {
      apply(transaction, context, out);
    } else {
      pendingTransactions.add(transaction.eventTime(), transaction, context.timerService());
    }
  }

  @Override
  public void processElement2(FraudLabel label, Context context, Collector<TerminalScoredTransaction> out)
      throws Exception {
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
  public void onTimer(long timestamp, OnTimerContext context, Collector<TerminalScoredTransaction> out)
      throws Exception {
    for (FraudReport report : pendingReports.drain(timestamp)) {
      apply(report, context);
    }
    List<TransactionEvent> transactions = new ArrayList<>(pendingTransactions.drain(timestamp));
    transactions.sort(ORDER);
    for (TransactionEvent transaction : transactions) {
      apply(transaction, context, out);
    }
    if (retention.expired(timestamp)) {
      visits.clear();
      frauds.clear();
      retention.clear();
    }
  }

  private void apply(TransactionEvent transaction, Context context, Collector<TerminalScoredTransaction> out)
      throws Exception {
    List<TerminalVisit> known = list(visits.get());
    TerminalFeatures features = TerminalHistory.featuresAt(known, list(frauds.get()), transaction.eventTime());
    visits.update(TerminalHistory.withVisit(known, transaction,
        TerminalHistory.keepAfterSecond(transaction.eventTime(), allowedLateness)));
    retention.touch(transaction.eventTime(), context.timerService(), this::bufferWaitsAt);
    out.collect(new TerminalScoredTransaction(transaction, features));
  }

  private void apply(FraudReport report, Context context) throws Exception {
    frauds.update(TerminalHistory.withReport(list(frauds.get()), report,
        TerminalHistory.keepAfterSecond(report.reportedAt(), allowedLateness)));
    retention.touch(report.reportedAt(), context.timerService(), this::bufferWaitsAt);
  }

  private boolean bufferWaitsAt(long timestamp) throws Exception {
    return pendingTransactions.holds(timestamp) || pendingReports.holds(timestamp);
  }

  static <T> List<T> list(Iterable<T> state) {
    List<T> list = new ArrayList<>();
    if (state != null) {
      state.forEach(list::add);
    }
    return list;
  }
}
