package io.argus.features.job;

import io.argus.avro.FeatureVector;
import io.argus.avro.SkewCause;
import io.argus.features.compute.EventOrder;
import io.argus.features.compute.TransactionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What the customer stage served online for a transaction that still waits for the watermark: the values and the
 * sequence (its rows one after the other, oldest first), and what happened since that may make the exact vector
 * differ: a correction of terminal features it was served with, an earlier transaction of its customer or card that
 * arrived after it.
 *
 * @param arrival when it arrived among the customer's waiting transactions (a larger one arrived later)
 */
public record ServedVector(String transactionId, long eventTime, String cardToken, double[] values,
    double[] sequence, long arrival, boolean terminalCorrected, boolean customerOutOfOrder, boolean cardOutOfOrder) {

  /** The served {@code vector}, with nothing happened since. */
  static ServedVector of(FeatureVector vector, long arrival) {
    double[] values = vector.getValues().stream().mapToDouble(Double::doubleValue).toArray();
    double[] sequence = vector.getSequence().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    return new ServedVector(vector.getTransactionId(), vector.getEventTime().toEpochMilli(), vector.getCardToken(),
        values, sequence, arrival, false, false, false);
  }

  /** Whether this transaction comes after {@code other} in {@link EventOrder}. */
  boolean isAfter(TransactionEvent other) {
    return !transactionId.equals(other.transactionId())
        && !EventOrder.atOrBefore(eventTime, transactionId, other.eventTime(), other.transactionId());
  }

  /** Whether this transaction was served after {@code other} arrived, so with it among what it saw. */
  boolean arrivedAfter(ServedVector other) {
    return arrival > other.arrival;
  }

  /** This one, noting that terminal features it was served with were corrected. */
  ServedVector withTerminalCorrected() {
    return new ServedVector(transactionId, eventTime, cardToken, values, sequence, arrival, true, customerOutOfOrder,
        cardOutOfOrder);
  }

  /** This one, noting that {@code earlier} (of its customer, before it in event order) arrived after it was served. */
  ServedVector overtakenBy(TransactionEvent earlier) {
    boolean sameCard = earlier.cardToken().equals(cardToken);
    return new ServedVector(transactionId, eventTime, cardToken, values, sequence, arrival, terminalCorrected,
        customerOutOfOrder || !sameCard, cardOutOfOrder || sameCard);
  }

  /** What may explain a difference from the exact vector ({@link SkewCause#OTHER} when nothing does). */
  List<SkewCause> causes() {
    List<SkewCause> causes = new ArrayList<>();
    if (terminalCorrected) {
      causes.add(SkewCause.TERMINAL_CORRECTION);
    }
    if (customerOutOfOrder) {
      causes.add(SkewCause.CUSTOMER_OUT_OF_ORDER);
    }
    if (cardOutOfOrder) {
      causes.add(SkewCause.CARD_OUT_OF_ORDER);
    }
    if (causes.isEmpty()) {
      causes.add(SkewCause.OTHER);
    }
    return causes;
  }
}
