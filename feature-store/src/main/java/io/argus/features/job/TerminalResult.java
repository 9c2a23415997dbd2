package io.argus.features.job;

import io.argus.features.compute.TerminalFeatures;
import io.argus.features.compute.TransactionEvent;

/** What the terminal stage sends the customer stage: a transaction, its terminal's features, and what they are. */
public record TerminalResult(Kind kind, TransactionEvent transaction, TerminalFeatures terminal) {

  /** How far the terminal features can be trusted, and what the customer stage does with them. */
  public enum Kind {
    /** Computed on arrival, ahead of the watermark, from what the terminal knew then; a correction may follow. */
    ONLINE,
    /** Computed when the transaction was applied in event order; final. */
    EXACT,
    /** The exact features of an {@link #ONLINE} transaction whose online ones turned out different. */
    CORRECTION,
    /** Of a transaction later than the allowed lateness, as of its own time; to be served, never applied. */
    TOO_LATE
  }

  /** The transaction with these terminal features. */
  public TerminalScoredTransaction scored() {
    return new TerminalScoredTransaction(transaction, terminal);
  }
}
