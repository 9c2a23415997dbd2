package io.argus.features.compute;

/**
 * One transaction of a card as its history keeps it: what a sequence step shows, fixed at the transaction's own
 * time (its seconds since the card's previous transaction, its terminal's 7-day risk, whether the terminal was new).
 *
 * @param newTerminal 1 when the terminal was new to the card, else 0
 */
public record CardStep(
    String transactionId, long eventTime, double amount, String terminalId, double secondsSincePrevious,
    double terminalRisk, double newTerminal) {
}
