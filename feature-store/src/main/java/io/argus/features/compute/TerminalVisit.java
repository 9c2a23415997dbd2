package io.argus.features.compute;

/** One transaction at a terminal, as the terminal's history keeps it. */
public record TerminalVisit(String transactionId, long eventTime) {
}
