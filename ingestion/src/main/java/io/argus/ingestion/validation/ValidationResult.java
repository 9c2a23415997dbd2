package io.argus.ingestion.validation;

import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;

/** What the validation of one record gave: exactly one of a transaction and a rejection. */
public record ValidationResult(Transaction transaction, RejectedRecord rejection) {

  public ValidationResult {
    if ((transaction == null) == (rejection == null)) {
      throw new IllegalArgumentException("exactly one of transaction and rejection must be given, got "
          + transaction + " and " + rejection);
    }
  }

  public static ValidationResult accepted(Transaction transaction) {
    return new ValidationResult(transaction, null);
  }

  public static ValidationResult rejected(RejectedRecord rejection) {
    return new ValidationResult(null, rejection);
  }

  public boolean isAccepted() {
    return transaction != null;
  }
}
