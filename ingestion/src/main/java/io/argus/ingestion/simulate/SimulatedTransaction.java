package io.argus.ingestion.simulate;

import io.argus.ingestion.handbook.HandbookCsv;
import io.argus.ingestion.validation.TransactionJson;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One generated transaction, with what only a simulator knows: whether it is fraud, and why.
 *
 * @param secondsSinceStart the handbook's TX_TIME_SECONDS
 * @param day the handbook's TX_TIME_DAYS (0 for the first day)
 * @param amountCents the amount in euro cents (the handbook's currency)
 */
public record SimulatedTransaction(String transactionId, Instant time, long secondsSinceStart, int day,
    String customerId, String terminalId, String cardNumber, long amountCents, String merchantCategory,
    boolean online, double latitude, double longitude, FraudScenario scenario) {

  public BigDecimal amount() {
    return BigDecimal.valueOf(amountCents, 2);
  }

  public boolean fraud() {
    return scenario.isFraud();
  }

  /** The transaction in the public JSON contract, as any producer would send it. */
  public TransactionJson json() {
    return TransactionJson.of(transactionId, time, cardNumber, customerId, terminalId, amount(), HandbookCsv.CURRENCY)
        .merchantCategory(merchantCategory)
        .channel(online ? TransactionJson.ONLINE : TransactionJson.CARD_PRESENT)
        .location(latitude, longitude);
  }

  /** Hides the card number from logs and test reports. */
  @Override
  public String toString() {
    return "SimulatedTransaction[" + transactionId + " at " + time + ", customer " + customerId + ", terminal "
        + terminalId + ", " + amount() + " " + HandbookCsv.CURRENCY + (online ? " online" : "") + ", " + scenario + "]";
  }
}
