package io.argus.features.job;

import io.argus.avro.FeatureVector;
import io.argus.features.FraudV1;
import io.argus.features.compute.CardHistory;
import io.argus.features.compute.CardStep;
import io.argus.features.compute.CardSteps;
import io.argus.features.compute.CustomerHistory;
import io.argus.features.compute.CustomerPayments;
import io.argus.features.compute.EventOrder;
import io.argus.features.compute.FeatureVectors;
import io.argus.features.compute.TransactionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The vector a transaction is served on arrival, before the watermark passes it: the customer's applied history and
 * its card's applied steps, plus the customer's waiting transactions that come before it in {@link EventOrder},
 * applied in that order to a copy, exactly as the watermark will apply them (a waiting earlier transaction of the same
 * card becomes a step computed from the card's history before it, with the terminal features it waits with). The
 * state is never changed. Only transactions that arrived count, so one that arrives later, earlier in event order,
 * makes the exact vector differ.
 */
final class ArrivalFeatures {

  private static final Comparator<TerminalScoredTransaction> EVENT_ORDER = Comparator
      .<TerminalScoredTransaction>comparingLong(scored -> scored.transaction().eventTime())
      .thenComparing(scored -> scored.transaction().transactionId(), EventOrder.TRANSACTION_ID);

  private ArrivalFeatures() {
  }

  /**
   * The vector of {@code current}.
   *
   * @param payments the customer's applied payments
   * @param cardSteps the applied steps of {@code current}'s card
   * @param waiting the customer's transactions waiting for the watermark, in any order ({@code current} may be one)
   */
  static FeatureVector of(CustomerPayments payments, CardSteps cardSteps,
      List<TerminalScoredTransaction> waiting, TerminalScoredTransaction current, Duration allowedLateness,
      long computedAt) {
    TransactionEvent transaction = current.transaction();
    CustomerPayments customerHistory = payments;
    CardSteps cardHistory = cardSteps;
    for (TerminalScoredTransaction earlier : before(waiting, transaction)) {
      TransactionEvent event = earlier.transaction();
      long keepAfter = CustomerHistory.keepAfterSecond(event.eventTime(), allowedLateness);
      customerHistory = CustomerHistory.withPayment(customerHistory, event, keepAfter);
      if (event.cardToken().equals(transaction.cardToken())) {
        CardStep step = CardHistory.featuresAt(cardHistory, event,
            earlier.terminal().risk(FraudV1.SEQUENCE_RISK_WINDOW_DAYS)).step();
        cardHistory = CardHistory.withStep(cardHistory, step, keepAfter);
      }
    }
    return FeatureVectors.of(transaction, current.terminal(), CustomerHistory.featuresAt(customerHistory, transaction),
        CardHistory.featuresAt(cardHistory, transaction, current.terminal().risk(FraudV1.SEQUENCE_RISK_WINDOW_DAYS)),
        computedAt);
  }

  /** The waiting transactions before {@code transaction} in event order, in that order. */
  private static List<TerminalScoredTransaction> before(List<TerminalScoredTransaction> waiting,
      TransactionEvent transaction) {
    List<TerminalScoredTransaction> before = new ArrayList<>();
    for (TerminalScoredTransaction scored : waiting) {
      TransactionEvent event = scored.transaction();
      if (EventOrder.before(event.eventTime(), event.transactionId(), transaction.eventTime(),
          transaction.transactionId())) {
        before.add(scored);
      }
    }
    before.sort(EVENT_ORDER);
    return before;
  }
}
