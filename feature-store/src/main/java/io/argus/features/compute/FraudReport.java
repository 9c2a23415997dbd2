package io.argus.features.compute;

import io.argus.avro.FraudLabel;

/** A fraud reported for one transaction: it counts in terminal risk only from {@code reportedAt} on. */
public record FraudReport(String transactionId, String terminalId, long transactionTime, long reportedAt) {

  /**
   * The report of a fraud label.
   *
   * @throws IllegalArgumentException when the label says the transaction was not a fraud
   */
  public static FraudReport of(FraudLabel label) {
    if (!label.getFraud()) {
      throw new IllegalArgumentException("label of transaction " + label.getTransactionId() + " is not a fraud");
    }
    return new FraudReport(label.getTransactionId(), label.getTerminalId(), label.getTransactionTime().toEpochMilli(),
        label.getReportedAt().toEpochMilli());
  }
}
