package io.argus.features.job;

import io.argus.avro.FeatureVector;
import io.argus.avro.ServingSkew;
import io.argus.avro.SkewCause;
import io.argus.features.FraudV1;
import io.argus.features.compute.CardFeatures;
import io.argus.features.compute.CardHistory;
import io.argus.features.compute.CardStep;
import io.argus.features.compute.CardSteps;
import io.argus.features.compute.CustomerFeatures;
import io.argus.features.compute.CustomerHistory;
import io.argus.features.compute.CustomerPayment;
import io.argus.features.compute.CustomerPayments;
import io.argus.features.compute.EventOrder;
import io.argus.features.compute.FeatureVectors;
import io.argus.features.compute.TransactionEvent;
import io.argus.schemas.AvroRecordTypeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2, keyed by customer: the customer's windows and, per card, the card features and the recent-transaction
 * sequence. Transactions from the terminal stage wait for the watermark and are then applied in {@link EventOrder};
 * each leaves as its exact {@link FeatureVector} on the main output (for the offline store).
 *
 * <p>When the job serves online, a transaction ahead of the watermark is also served at once on the {@link #ONLINE}
 * output ({@link ArrivalFeatures}: the applied state plus the waiting transactions before it). What it was served is
 * kept until its exact vector is computed; if they differ, the difference goes to the {@link #SKEW} output and is
 * counted ({@link ServingCount}), with its causes: a terminal correction, or an earlier transaction of the customer
 * or card that arrived after it. A transaction behind the watermark, within the allowed lateness, is applied at once
 * and its one vector goes to both outputs; one later than that is served only, from the state as of its time.
 *
 * <p>A terminal correction comes before the terminal stage's watermark passes its transaction, so normally before
 * this stage's watermark does too. Only when this stage's watermark ran ahead, driven by its other inputs while the
 * one the transaction came through was idle, can a transaction arrive behind it and be stored at once with its
 * online terminal features; a correction for it is then counted ({@link ServingCount#CORRECTED_AFTER_STORED}) and
 * logged, and the store keeps the served values.
 */
public final class CustomerStage extends KeyedProcessFunction<String, TerminalResult, FeatureVector> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CustomerStage.class);

  /** The vectors served on arrival, for the {@code features} topic. */
  public static final OutputTag<FeatureVector> ONLINE =
      new OutputTag<>("online-vectors", AvroRecordTypeInfo.forRecord(FeatureVector.class));
  /** Every served vector that differs from the exact one, for the offline store. */
  public static final OutputTag<ServingSkew> SKEW =
      new OutputTag<>("serving-skew", AvroRecordTypeInfo.forRecord(ServingSkew.class));
  private static final Comparator<TerminalScoredTransaction> ORDER = Comparator.comparing(
      scored -> scored.transaction().transactionId(), EventOrder.TRANSACTION_ID);

  private final Duration allowedLateness;
  private final boolean online;
  private transient EventTimeBuffer<TerminalScoredTransaction> pending;
  private transient MapState<String, ServedVector> served;
  private transient ValueState<CustomerPayments> payments;
  private transient MapState<String, CardSteps> cards;
  private transient ListState<CustomerPayment> listedPayments;
  private transient MapState<String, List<CardStep>> listedCards;
  private transient Retention retention;
  private transient ServingCounters counters;

  /**
   * @param online whether transactions are served on arrival; without, only their exact vectors leave
   */
  public CustomerStage(Duration allowedLateness, boolean online) {
    this.allowedLateness = allowedLateness;
    this.online = online;
  }

  @Override
  public void open(OpenContext openContext) {
    pending = new EventTimeBuffer<>(getRuntimeContext().getMapState(FeatureState.pendingScored()));
    served = getRuntimeContext().getMapState(FeatureState.servedVectors());
    payments = getRuntimeContext().getState(FeatureState.customerHistory());
    cards = getRuntimeContext().getMapState(FeatureState.cardHistories());
    listedPayments = getRuntimeContext().getListState(FeatureState.customerPayments());
    listedCards = getRuntimeContext().getMapState(FeatureState.cardSteps());
    retention = new Retention(getRuntimeContext().getState(FeatureState.lastEventTime()),
        getRuntimeContext().getState(FeatureState.retentionTimer()),
        FraudV1.customerHorizon().plus(allowedLateness).plusSeconds(1).toMillis());
    counters = ServingCounters.register(getRuntimeContext(), ServingCount.SERVED_ONLINE, ServingCount.STORED_EXACT,
        ServingCount.SERVED_TOO_LATE, ServingCount.CORRECTED_AFTER_STORED, ServingCount.SKEWED, ServingCount.SKEW_TERMINAL_CORRECTION,
        ServingCount.SKEW_CUSTOMER_OUT_OF_ORDER, ServingCount.SKEW_CARD_OUT_OF_ORDER, ServingCount.SKEW_OTHER);
  }

  @Override
  public void processElement(TerminalResult result, Context context, Collector<FeatureVector> out)
      throws Exception {
    switch (result.kind()) {
      case CORRECTION -> correct(result);
      case TOO_LATE -> serveOnly(result.scored(), context);
      case ONLINE, EXACT -> arrive(result.scored(), context, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<FeatureVector> out) throws Exception {
    List<TerminalScoredTransaction> due = new ArrayList<>(pending.drain(timestamp));
    due.sort(ORDER);
    for (TerminalScoredTransaction scored : due) {
      FeatureVector exact = apply(scored, context, out);
      if (!online) {
        continue;
      }
      ServedVector servedVector = served.get(scored.transaction().transactionId());
      if (servedVector != null) {
        served.remove(scored.transaction().transactionId());
        report(ServingSkews.between(servedVector, exact), context);
      } else {
        // Waiting from before the job served online (a checkpoint of an earlier version): never served yet.
        context.output(ONLINE, exact);
        counters.increment(ServingCount.SERVED_ONLINE);
      }
    }
    if (retention.expired(timestamp, context.timerService())) {
      payments.clear();
      cards.clear();
      listedPayments.clear();
      listedCards.clear();
      retention.clear();
    }
  }

  /** A transaction arriving with its terminal features: applied at once when behind the watermark, else waits. */
  private void arrive(TerminalScoredTransaction scored, Context context, Collector<FeatureVector> out)
      throws Exception {
    TransactionEvent transaction = scored.transaction();
    long arrival = online ? noteOvertaken(transaction) : 0;
    if (transaction.eventTime() <= context.timerService().currentWatermark()) {
      FeatureVector vector = apply(scored, context, out);
      if (online) {
        context.output(ONLINE, vector);
        counters.increment(ServingCount.SERVED_ONLINE);
      }
      return;
    }
    if (online) {
      FeatureVector vector = onArrival(scored);
      served.put(transaction.transactionId(), ServedVector.of(vector, arrival));
      context.output(ONLINE, vector);
      counters.increment(ServingCount.SERVED_ONLINE);
    }
    pending.add(transaction.eventTime(), scored, context.timerService());
  }

  /** A transaction later than the allowed lateness: served from the state as of its time, never applied. */
  private void serveOnly(TerminalScoredTransaction scored, Context context) throws Exception {
    context.output(ONLINE, onArrival(scored));
    counters.increment(ServingCount.SERVED_ONLINE);
    counters.increment(ServingCount.SERVED_TOO_LATE);
  }

  private FeatureVector onArrival(TerminalScoredTransaction scored) throws Exception {
    TransactionEvent transaction = scored.transaction();
    return ArrivalFeatures.of(customerHistory(), cardHistory(transaction.cardToken()), pending.all(), scored,
        allowedLateness, System.currentTimeMillis());
  }

  /**
   * Notes, on every served transaction still waiting that comes after {@code transaction} in event order, that an
   * earlier transaction arrived after it; returns the arrival number of {@code transaction}.
   */
  private long noteOvertaken(TransactionEvent transaction) throws Exception {
    long lastArrival = -1;
    List<ServedVector> overtaken = new ArrayList<>();
    for (Map.Entry<String, ServedVector> entry : served.entries()) {
      ServedVector waiting = entry.getValue();
      lastArrival = Math.max(lastArrival, waiting.arrival());
      if (waiting.isAfter(transaction)) {
        overtaken.add(waiting.overtakenBy(transaction));
      }
    }
    for (ServedVector waiting : overtaken) {
      served.put(waiting.transactionId(), waiting);
    }
    return lastArrival + 1;
  }

  /**
   * A waiting transaction's exact terminal features replace those it was served with; the transactions of its card
   * after it that were served since it arrived (so with its step) are noted as affected too.
   */
  private void correct(TerminalResult correction) throws Exception {
    TransactionEvent transaction = correction.transaction();
    List<TerminalScoredTransaction> waiting = new ArrayList<>(pending.at(transaction.eventTime()));
    int index = indexOf(waiting, transaction.transactionId());
    if (index < 0) {
      counters.increment(ServingCount.CORRECTED_AFTER_STORED);
      LOG.warn("Terminal correction of transaction {} at {} came after the transaction was stored: the watermark had "
          + "passed it while the input it came through was idle; the offline store keeps its served terminal "
          + "features", transaction.transactionId(), Instant.ofEpochMilli(transaction.eventTime()));
      return;
    }
    waiting.set(index, correction.scored());
    pending.replace(transaction.eventTime(), waiting);
    ServedVector corrected = served.get(transaction.transactionId());
    if (corrected == null) {
      return;
    }
    served.put(transaction.transactionId(), corrected.withTerminalCorrected());
    List<ServedVector> affected = new ArrayList<>();
    for (ServedVector later : served.values()) {
      if (later.cardToken().equals(transaction.cardToken()) && later.isAfter(transaction)
          && later.arrivedAfter(corrected)) {
        affected.add(later.withTerminalCorrected());
      }
    }
    for (ServedVector later : affected) {
      served.put(later.transactionId(), later);
    }
  }

  private static int indexOf(List<TerminalScoredTransaction> waiting, String transactionId) {
    for (int i = 0; i < waiting.size(); i++) {
      if (waiting.get(i).transaction().transactionId().equals(transactionId)) {
        return i;
      }
    }
    return -1;
  }

  private void report(ServingSkew skew, Context context) {
    if (skew == null) {
      return;
    }
    context.output(SKEW, skew);
    counters.increment(ServingCount.SKEWED);
    for (SkewCause cause : skew.getCauses()) {
      counters.increment(ServingCount.of(cause));
    }
  }

  /** The customer's applied payments; those of an older checkpoint's list are moved to the columns first. */
  private CustomerPayments customerHistory() throws Exception {
    return FeatureState.columns(payments, listedPayments, CustomerPayments.EMPTY, CustomerPayments::of);
  }

  /** The card's applied steps; those of an older checkpoint's list are moved to the columns first. */
  private CardSteps cardHistory(String cardToken) throws Exception {
    CardSteps history = cards.get(cardToken);
    if (history != null) {
      return history;
    }
    List<CardStep> listed = listedCards.get(cardToken);
    if (listed == null) {
      return CardSteps.EMPTY;
    }
    history = CardSteps.of(listed);
    cards.put(cardToken, history);
    listedCards.remove(cardToken);
    return history;
  }

  /** Applies a transaction to the customer's and card's histories; its exact vector goes to the main output. */
  private FeatureVector apply(TerminalScoredTransaction scored, Context context, Collector<FeatureVector> out)
      throws Exception {
    TransactionEvent transaction = scored.transaction();
    long keepAfter = CustomerHistory.keepAfterSecond(transaction.eventTime(), allowedLateness);

    CustomerPayments customerHistory = customerHistory();
    CustomerFeatures customer = CustomerHistory.featuresAt(customerHistory, transaction);
    payments.update(CustomerHistory.withPayment(customerHistory, transaction, keepAfter));

    CardSteps cardHistory = cardHistory(transaction.cardToken());
    CardFeatures card = CardHistory.featuresAt(cardHistory, transaction,
        scored.terminal().risk(FraudV1.SEQUENCE_RISK_WINDOW_DAYS));
    cards.put(transaction.cardToken(), CardHistory.withStep(cardHistory, card.step(), keepAfter));

    retention.touch(transaction.eventTime(), context.timerService());
    FeatureVector vector = FeatureVectors.of(transaction, scored.terminal(), customer, card,
        System.currentTimeMillis());
    out.collect(vector);
    counters.increment(ServingCount.STORED_EXACT);
    return vector;
  }
}
