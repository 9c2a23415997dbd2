package io.argus.features.compute;

import io.argus.avro.Transaction;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * A transaction reduced to what its features need, with the amount in major currency units (cents become euros).
 * Events are ordered by {@link EventOrder}: event time, then transaction id.
 *
 * @param eventTime epoch milliseconds
 * @param ingestTime epoch milliseconds when Argus accepted the transaction (0 when unknown)
 */
public record TransactionEvent(
    String transactionId, long eventTime, String cardToken, String customerId, String terminalId, double amount,
    long ingestTime) {

  /**
   * The event of a validated transaction.
   *
   * @throws IllegalArgumentException naming the currency when it is not an ISO 4217 code
   */
  public static TransactionEvent of(Transaction transaction) {
    return new TransactionEvent(transaction.getTransactionId(), transaction.getEventTime().toEpochMilli(),
        transaction.getCardToken(), transaction.getCustomerId(), transaction.getTerminalId(),
        majorUnits(transaction.getAmountMinor(), transaction.getCurrency()), transaction.getIngestTime().toEpochMilli());
  }

  /** The amount in major units: 5716 EUR cents are 57.16; yen have no minor unit. */
  static double majorUnits(long amountMinor, String currency) {
    Currency known;
    try {
      known = Currency.getInstance(currency);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown ISO 4217 currency '" + currency + "'", e);
    }
    return BigDecimal.valueOf(amountMinor, Math.max(0, known.getDefaultFractionDigits())).doubleValue();
  }
}
