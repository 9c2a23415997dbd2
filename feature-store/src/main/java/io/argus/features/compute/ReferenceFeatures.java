package io.argus.features.compute;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.Transaction;
import io.argus.features.FraudV1;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline reference path: a finite set of transactions and labels, applied one by one in time order in one
 * thread (a fraud reported at a time before the transactions of that same time), through the same functions the
 * Flink job's stages use. The parity test holds the job to it.
 */
public final class ReferenceFeatures {

  private static final Comparator<Event> ORDER = Comparator.comparingLong(Event::time)
      .thenComparing(event -> event.transaction() == null ? 0 : 1)
      .thenComparing(Event::id, EventOrder.TRANSACTION_ID);

  private final Map<String, TerminalVisits> visits = new HashMap<>();
  private final Map<String, List<FraudReport>> frauds = new HashMap<>();
  private final Map<String, CustomerPayments> payments = new HashMap<>();
  private final Map<String, CardSteps> cards = new HashMap<>();

  private ReferenceFeatures() {
  }

  /** The feature vector of every transaction, in the order they were applied; {@code computedAt} is 0. */
  public static List<FeatureVector> compute(List<Transaction> transactions, List<FraudLabel> labels) {
    List<Event> events = new ArrayList<>();
    transactions.forEach(transaction -> events.add(new Event(TransactionEvent.of(transaction), null)));
    labels.stream().filter(FraudLabel::getFraud).forEach(label -> events.add(new Event(null, FraudReport.of(label))));
    events.sort(ORDER);
    ReferenceFeatures state = new ReferenceFeatures();
    List<FeatureVector> vectors = new ArrayList<>(transactions.size());
    for (Event event : events) {
      if (event.transaction() != null) {
        vectors.add(state.apply(event.transaction()));
      } else {
        state.apply(event.report());
      }
    }
    return vectors;
  }

  private void apply(FraudReport report) {
    frauds.put(report.terminalId(), TerminalHistory.withReport(frauds.getOrDefault(report.terminalId(), List.of()),
        report, TerminalHistory.keepAfterSecond(report.reportedAt(), Duration.ZERO)));
  }

  private FeatureVector apply(TransactionEvent transaction) {
    TerminalVisits terminalHistory = visits.getOrDefault(transaction.terminalId(), TerminalVisits.EMPTY);
    TerminalFeatures terminal = TerminalHistory.featuresAt(terminalHistory,
        frauds.getOrDefault(transaction.terminalId(), List.of()), transaction.eventTime());
    visits.put(transaction.terminalId(), TerminalHistory.withVisit(terminalHistory, transaction,
        TerminalHistory.keepAfterSecond(transaction.eventTime(), Duration.ZERO)));

    long keepAfter = CustomerHistory.keepAfterSecond(transaction.eventTime(), Duration.ZERO);
    CustomerPayments customerHistory = payments.getOrDefault(transaction.customerId(), CustomerPayments.EMPTY);
    CustomerFeatures customer = CustomerHistory.featuresAt(customerHistory, transaction);
    payments.put(transaction.customerId(), CustomerHistory.withPayment(customerHistory, transaction, keepAfter));

    CardSteps cardHistory = cards.getOrDefault(transaction.cardToken(), CardSteps.EMPTY);
    CardFeatures card = CardHistory.featuresAt(cardHistory, transaction,
        terminal.risk(FraudV1.SEQUENCE_RISK_WINDOW_DAYS));
    cards.put(transaction.cardToken(), CardHistory.withStep(cardHistory, card.step(), keepAfter));
    return FeatureVectors.of(transaction, terminal, customer, card, 0L);
  }

  private record Event(TransactionEvent transaction, FraudReport report) {
    long time() {
      return transaction != null ? transaction.eventTime() : report.reportedAt();
    }

    String id() {
      return transaction != null ? transaction.transactionId() : report.transactionId();
    }
  }
}
