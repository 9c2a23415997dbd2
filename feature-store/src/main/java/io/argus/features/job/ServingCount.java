package io.argus.features.job;

import io.argus.avro.SkewCause;

/**
 * What the feature job counts about serving, each under one name as a Flink metric counter of the operator that
 * counts it (live, per subtask) and as an accumulator (summed over the job, in its {@code JobExecutionResult}).
 * In a run without failures and without too-late events, {@link #SERVED_ONLINE} equals {@link #STORED_EXACT}; a
 * restore from a checkpoint serves the replayed transactions again.
 */
public enum ServingCount {
  /** Vectors served online on arrival (to {@code features}), too-late transactions included. */
  SERVED_ONLINE("servedOnline"),
  /** Exact vectors stored (to the offline store). */
  STORED_EXACT("storedExact"),
  /** Transactions later than the allowed lateness: served online, dead-lettered for the store. */
  SERVED_TOO_LATE("servedTooLate"),
  /**
   * Copies of a transaction already on its terminal (same transaction id), dropped before anything is served or
   * stored: {@code transactions} is written at least once, and a validator that crashed writes again what it wrote
   * since its last commit.
   */
  COPIES_DROPPED("copiesDropped"),
  /** Terminal features sent online and then corrected (a fraud label reported in time arrived after them). */
  TERMINAL_CORRECTIONS("terminalCorrections"),
  /**
   * Terminal corrections that reached the customer stage after it had applied and stored their transaction, with the
   * terminal features it was served with: its watermark had passed the transaction already, driven by its other
   * inputs while the one the transaction came through was idle. The stored vector of such a transaction is not
   * exact; the count is expected to stay 0.
   */
  CORRECTED_AFTER_STORED("correctedAfterStored"),
  /** Vectors whose served values differ from the exact ones: one {@code ServingSkew} record each. */
  SKEWED("skewedVectors"),
  /** Skewed vectors with cause {@link SkewCause#TERMINAL_CORRECTION}. */
  SKEW_TERMINAL_CORRECTION("skewTerminalCorrection"),
  /** Skewed vectors with cause {@link SkewCause#CUSTOMER_OUT_OF_ORDER}. */
  SKEW_CUSTOMER_OUT_OF_ORDER("skewCustomerOutOfOrder"),
  /** Skewed vectors with cause {@link SkewCause#CARD_OUT_OF_ORDER}. */
  SKEW_CARD_OUT_OF_ORDER("skewCardOutOfOrder"),
  /** Skewed vectors with cause {@link SkewCause#OTHER}: none of the known causes was seen. */
  SKEW_OTHER("skewOther");

  private final String metricName;

  ServingCount(String metricName) {
    this.metricName = metricName;
  }

  /** The name of the metric counter and of the accumulator. */
  public String metricName() {
    return metricName;
  }

  /** The count of skewed vectors with this cause. */
  public static ServingCount of(SkewCause cause) {
    return switch (cause) {
      case TERMINAL_CORRECTION -> SKEW_TERMINAL_CORRECTION;
      case CUSTOMER_OUT_OF_ORDER -> SKEW_CUSTOMER_OUT_OF_ORDER;
      case CARD_OUT_OF_ORDER -> SKEW_CARD_OUT_OF_ORDER;
      case OTHER -> SKEW_OTHER;
    };
  }
}
