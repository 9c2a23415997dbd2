package io.argus.features.job;

import io.argus.features.compute.TerminalFeatures;
import io.argus.features.compute.TransactionEvent;

/** What the terminal stage hands the customer stage: a transaction with its terminal's features at its time. */
public record TerminalScoredTransaction(TransactionEvent transaction, TerminalFeatures terminal) {
}
