package io.argus.ingestion.file;

import io.argus.avro.FraudLabel;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;

/**
 * One line of a transaction file after validation: exactly one of {@code transaction} and {@code rejection}; a
 * {@code label} when the file says whether the transaction was fraud (only for an accepted transaction).
 */
public record FileRecord(Transaction transaction, RejectedRecord rejection, FraudLabel label) {

  public FileRecord {
    if ((transaction == null) == (rejection == null)) {
      throw new IllegalArgumentException("exactly one of transaction and rejection must be given, got "
          + transaction + " and " + rejection);
    }
    if (label != null && transaction == null) {
      throw new IllegalArgumentException("a label needs an accepted transaction, got " + label);
    }
  }

  public boolean isAccepted() {
    return transaction != null;
  }
}
