package io.argus.features.job;

import static io.argus.features.job.TerminalStage.list;

import io.argus.avro.FeatureVector;
import io.argus.features.FraudV1;
import io.argus.features.compute.CardFeatures;
import io.argus.features.compute.CardHistory;
import io.argus.features.compute.CardStep;
import io.argus.features.compute.CustomerFeatures;
import io.argus.features.compute.CustomerHistory;
import io.argus.features.compute.CustomerPayment;
import io.argus.features.compute.EventOrder;
import io.argus.features.compute.FeatureVectors;
import io.argus.features.compute.TransactionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Stage 2, keyed by customer: the customer's windows and, per card, the card features and the recent-transaction
 * sequence. Transactions from the terminal stage wait for the watermark and are applied in {@link EventOrder}; each
 * leaves as the transaction's {@link FeatureVector}.
 */
public final class CustomerStage extends KeyedProcessFunction<String, TerminalScoredTransaction, FeatureVector> {

  private static final long serialVersionUID = 1L;
  private static final Comparator<TerminalScoredTransaction> ORDER = Comparator.comparing(
      scored -> scored.transaction().transactionId(), EventOrder.TRANSACTION_ID);

  private final Duration allowedLateness;
  private transient EventTimeBuffer<TerminalScoredTransaction> pending;
  private transient ListState<CustomerPayment> payments;
  private transient MapState<String, List<CardStep>> cards;
  private transient Retention retention;

  public CustomerStage(Duration allowedLateness) {
    this.allowedLateness = allowedLateness;
  }

  @Override
  public void open(OpenContext openContext) {
    pending = new EventTimeBuffer<>(getRuntimeContext().getMapState(FeatureState.pendingScored()));
    payments = getRuntimeContext().getListState(FeatureState.customerPayments());
    cards = getRuntimeContext().getMapState(FeatureState.cardSteps());
    retention = new Retention(getRuntimeContext().getState(FeatureState.lastEventTime()),
        FraudV1.customerHorizon().plus(allowedLateness).plusSeconds(1).toMillis());
  }

  @Override
  public void processElement(TerminalScoredTransaction scored, Context context, Collector<FeatureVector> out)
      throws Exception {
    long eventTime = scored.transaction().eventTime();
    if (eventTime <= context.timerService().currentWatermark()) {
      apply(scored, context, out);
    } else {
      pending.add(eventTime, scored, context.timerService());
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<FeatureVector> out) throws Exception {
    List<TerminalScoredTransaction> due = new ArrayList<>(pending.drain(timestamp));
    due.sort(ORDER);
    for (TerminalScoredTransaction scored : due) {
      apply(scored, context, out);
    }
    if (retention.expired(timestamp)) {
      payments.clear();
      cards.clear();
      retention.clear();
    }
  }

  private void apply(TerminalScoredTransaction scored, Context context, Collector<FeatureVector> out)
      throws Exception {
    TransactionEvent transaction = scored.transaction();
    long keepAfter = CustomerHistory.keepAfterSecond(transaction.eventTime(), allowedLateness);

    List<CustomerPayment> customerHistory = list(payments.get());
    CustomerFeatures customer = CustomerHistory.featuresAt(customerHistory, transaction);
    payments.update(CustomerHistory.withPayment(customerHistory, transaction, keepAfter));

    List<CardStep> cardHistory = list(cards.get(transaction.cardToken()));
    CardFeatures card = CardHistory.featuresAt(cardHistory, transaction,
        scored.terminal().risk(FraudV1.SEQUENCE_RISK_WINDOW_DAYS));
    cards.put(transaction.cardToken(), CardHistory.withStep(cardHistory, card.step(), keepAfter));

    retention.touch(transaction.eventTime(), context.timerService(), pending::holds);
    out.collect(FeatureVectors.of(transaction, scored.terminal(), customer, card, System.currentTimeMillis()));
  }
}
