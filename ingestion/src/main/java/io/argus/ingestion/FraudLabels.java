package io.argus.ingestion;

import io.argus.avro.FraudLabel;
import io.argus.avro.Transaction;
import java.time.Duration;

/** Fraud labels as file ingest and the simulator publish them: reported a fixed delay after the transaction. */
public final class FraudLabels {

  private FraudLabels() {
  }

  /**
   * The label of {@code transaction}, reported {@code delay} after it.
   *
   * @param scenario the simulator's fraud scenario (0 none)
   */
  public static FraudLabel of(Transaction transaction, boolean fraud, int scenario, Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("label delay must not be negative, got " + delay);
    }
    return FraudLabel.newBuilder()
        .setTransactionId(transaction.getTransactionId())
        .setCardToken(transaction.getCardToken())
        .setCustomerId(transaction.getCustomerId())
        .setTerminalId(transaction.getTerminalId())
        .setTransactionTime(transaction.getEventTime())
        .setFraud(fraud)
        .setScenario(scenario)
        .setReportedAt(transaction.getEventTime().plus(delay))
        .build();
  }
}
