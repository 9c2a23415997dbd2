package io.argus.ingestion.simulate;

import java.time.Duration;
import java.time.Instant;

/**
 * What the simulator generates. The defaults reproduce the Fraud Detection Handbook's data set (5,000 customers,
 * 10,000 terminals on a 100 x 100 grid, radius 5, 183 days from 2018-04-01, its three fraud scenarios) plus one card
 * testing and one account takeover a day.
 *
 * @param seed everything drawn follows from it: the same configuration gives the same transactions
 * @param start midnight (UTC) of the first simulated day
 * @param days how many days to simulate
 * @param maxTransactions stop after this many transactions (0: no limit)
 * @param customers how many customers (one card each)
 * @param terminals how many terminals
 * @param idPrefix put before every transaction id (the handbook's ids are 0, 1, 2...), so that runs can share a topic
 * @param compromisedTerminalsPerDay handbook scenario 2
 * @param compromisedCustomersPerDay handbook scenario 3
 * @param cardTestingsPerDay cards put through card testing each day
 * @param accountTakeoversPerDay customers whose account is taken over each day
 */
public record SimulatorConfig(long seed, Instant start, int days, long maxTransactions, int customers, int terminals,
    String idPrefix, int compromisedTerminalsPerDay, int compromisedCustomersPerDay, int cardTestingsPerDay,
    int accountTakeoversPerDay) {

  public static final Instant HANDBOOK_START = Instant.parse("2018-04-01T00:00:00Z");
  public static final SimulatorConfig DEFAULTS = new SimulatorConfig(42, HANDBOOK_START, 183, 0, 5_000, 10_000, "",
      2, 3, 1, 1);

  public SimulatorConfig {
    if (start == null || start.toEpochMilli() % Duration.ofDays(1).toMillis() != 0) {
      throw new IllegalArgumentException("start must be a midnight UTC, got " + start);
    }
    requireAtLeast("days", days, 1);
    requireAtLeast("maxTransactions", maxTransactions, 0);
    requireAtLeast("customers", customers, 1);
    requireAtLeast("terminals", terminals, 1);
    requireAtLeast("compromisedTerminalsPerDay", compromisedTerminalsPerDay, 0);
    requireAtLeast("compromisedCustomersPerDay", compromisedCustomersPerDay, 0);
    requireAtLeast("cardTestingsPerDay", cardTestingsPerDay, 0);
    requireAtLeast("accountTakeoversPerDay", accountTakeoversPerDay, 0);
    if (idPrefix == null) {
      throw new IllegalArgumentException("idPrefix must not be null; use \"\" for none");
    }
  }

  public SimulatorConfig withSeed(long value) {
    return new SimulatorConfig(value, start, days, maxTransactions, customers, terminals, idPrefix,
        compromisedTerminalsPerDay, compromisedCustomersPerDay, cardTestingsPerDay, accountTakeoversPerDay);
  }

  public SimulatorConfig withStart(Instant value) {
    return new SimulatorConfig(seed, value, days, maxTransactions, customers, terminals, idPrefix,
        compromisedTerminalsPerDay, compromisedCustomersPerDay, cardTestingsPerDay, accountTakeoversPerDay);
  }

  public SimulatorConfig withDays(int value) {
    return new SimulatorConfig(seed, start, value, maxTransactions, customers, terminals, idPrefix,
        compromisedTerminalsPerDay, compromisedCustomersPerDay, cardTestingsPerDay, accountTakeoversPerDay);
  }

  public SimulatorConfig withMaxTransactions(long value) {
    return new SimulatorConfig(seed, start, days, value, customers, terminals, idPrefix, compromisedTerminalsPerDay,
        compromisedCustomersPerDay, cardTestingsPerDay, accountTakeoversPerDay);
  }

  public SimulatorConfig withPopulation(int customerCount, int terminalCount) {
    return new SimulatorConfig(seed, start, days, maxTransactions, customerCount, terminalCount, idPrefix,
        compromisedTerminalsPerDay, compromisedCustomersPerDay, cardTestingsPerDay, accountTakeoversPerDay);
  }

  public SimulatorConfig withIdPrefix(String value) {
    return new SimulatorConfig(seed, start, days, maxTransactions, customers, terminals, value,
        compromisedTerminalsPerDay, compromisedCustomersPerDay, cardTestingsPerDay, accountTakeoversPerDay);
  }

  /** The number of each fraud scenario per day: terminals (2), customers (3), card testings (4), takeovers (5). */
  public SimulatorConfig withFraudsPerDay(int terminalsCompromised, int customersCompromised, int cardTestings,
      int accountTakeovers) {
    return new SimulatorConfig(seed, start, days, maxTransactions, customers, terminals, idPrefix,
        terminalsCompromised, customersCompromised, cardTestings, accountTakeovers);
  }

  private static void requireAtLeast(String name, long value, long minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
    }
  }
}
