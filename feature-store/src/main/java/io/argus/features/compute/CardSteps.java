package io.argus.features.compute;

import java.util.List;

/**
 * A card's history in columns, in {@link EventOrder}: entry {@code i} is the {@link CardStep} of the transaction
 * {@code transactionIds[i]}, with {@code idHashes[i]} the id's hash (see {@link CustomerPayments} for why columns).
 * Never changed once built: {@link CardHistory#withStep} makes a new one.
 *
 * @param newTerminals 1 where the terminal was new to the card, else 0
 */
public record CardSteps(String[] transactionIds, int[] idHashes, long[] eventTimes, double[] amounts,
    String[] terminalIds, double[] secondsSincePrevious, double[] terminalRisks, double[] newTerminals) {

  /** No steps. */
  public static final CardSteps EMPTY = new CardSteps(new String[0], new int[0], new long[0], new double[0],
      new String[0], new double[0], new double[0], new double[0]);

  /** The entries in columns, in {@link EventOrder} whatever their order in the list (an older checkpoint's). */
  public static CardSteps of(List<CardStep> entries) {
    CardSteps columns = EMPTY;
    for (CardStep step : entries) {
      columns = columns.with(step, Long.MIN_VALUE);
    }
    return columns;
  }

  /** Entry {@code i} as a record. */
  public CardStep step(int i) {
    return new CardStep(transactionIds[i], eventTimes[i], amounts[i], terminalIds[i], secondsSincePrevious[i],
        terminalRisks[i], newTerminals[i]);
  }

  /** These steps with {@code step} added in event order, keeping only those after {@code keepAfterSecond}. */
  CardSteps with(CardStep step, long keepAfterSecond) {
    Histories.Placement placement = Histories.Placement.of(eventTimes, transactionIds, keepAfterSecond,
        step.eventTime(), step.transactionId());
    return new CardSteps(placement.apply(transactionIds, step.transactionId()),
        placement.apply(idHashes, step.transactionId().hashCode()), placement.apply(eventTimes, step.eventTime()),
        placement.apply(amounts, step.amount()), placement.apply(terminalIds, step.terminalId()),
        placement.apply(secondsSincePrevious, step.secondsSincePrevious()),
        placement.apply(terminalRisks, step.terminalRisk()), placement.apply(newTerminals, step.newTerminal()));
  }
}
