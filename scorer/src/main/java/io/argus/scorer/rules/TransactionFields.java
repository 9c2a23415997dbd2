package io.argus.scorer.rules;

import io.argus.avro.FeatureVector;
import java.time.Instant;

/**
 * The fields of a transaction the scorer has besides its features, as rules see them: its ids and its event time.
 * Over HTTP ({@code POST /score}) only the transaction id is known: the other ids are empty and the event time is the
 * time of the request.
 */
public record TransactionFields(
    String transactionId, String cardToken, String customerId, String terminalId, Instant eventTime) {

  public TransactionFields {
    if (transactionId == null || cardToken == null || customerId == null || terminalId == null
        || eventTime == null) {
      throw new IllegalArgumentException("every transaction field is needed (empty text when unknown), got "
          + transactionId + ", " + cardToken + ", " + customerId + ", " + terminalId + ", " + eventTime);
    }
  }

  public static TransactionFields of(FeatureVector vector) {
    return new TransactionFields(vector.getTransactionId(), vector.getCardToken(), vector.getCustomerId(),
        vector.getTerminalId(), vector.getEventTime());
  }

  /** A transaction scored on request, known only by its id, at {@code now}. */
  public static TransactionFields ofRequest(String transactionId, Instant now) {
    return new TransactionFields(transactionId == null ? "" : transactionId, "", "", "", now);
  }
}
