package io.argus.ingestion.simulate;

/**
 * Why a simulated transaction is fraud; the number is the handbook's {@code TX_FRAUD_SCENARIO} (1 to 3) extended
 * with two sequence-dependent scenarios that static window features miss (4, 5).
 */
public enum FraudScenario {
  /** Not fraud. */
  NONE(0),
  /** Handbook 1: every amount above 220 is fraud. */
  LARGE_AMOUNT(1),
  /** Handbook 2: each day two terminals are compromised; all their transactions for 28 days are fraud. */
  COMPROMISED_TERMINAL(2),
  /**
   * Handbook 3: each day three customers are compromised; for 14 days a third of their transactions are fraud, with
   * the amount multiplied by 5.
   */
  COMPROMISED_CUSTOMER(3),
  /** A burst of small online amounts at terminals new to the card, then a large one. */
  CARD_TESTING(4),
  /** For a few days, transactions at night in a far region, at terminals the card never used. */
  ACCOUNT_TAKEOVER(5);

  private final int number;

  FraudScenario(int number) {
    this.number = number;
  }

  /** The scenario's number in {@code TX_FRAUD_SCENARIO} and {@code FraudLabel.scenario}. */
  public int number() {
    return number;
  }

  public boolean isFraud() {
    return this != NONE;
  }
}
