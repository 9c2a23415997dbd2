package io.argus.features.job;

import io.argus.avro.Transaction;
import io.argus.features.compute.TransactionEvent;

/**
 * A transaction the admission let through to the terminal stage. One that came later than the allowed lateness
 * ({@code tooLate}) is only served: its features are computed from the state as of its own time, it is never applied
 * to the state, and its offline side is dead-lettered as {@code LATE_EVENT} by the admission.
 */
public record AdmittedTransaction(TransactionEvent event, boolean tooLate) {

  /** A transaction within the allowed lateness: served, applied and stored. */
  public static AdmittedTransaction inTime(Transaction transaction) {
    return new AdmittedTransaction(TransactionEvent.of(transaction), false);
  }

  /** A transaction later than the allowed lateness: served online only. */
  public static AdmittedTransaction tooLate(Transaction transaction) {
    return new AdmittedTransaction(TransactionEvent.of(transaction), true);
  }
}
