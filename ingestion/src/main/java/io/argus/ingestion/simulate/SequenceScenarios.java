package io.argus.ingestion.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The two fraud scenarios that only the order of a card's transactions reveals, which static window features miss:
 * <ul>
 *   <li><b>card testing</b>: 3 to 8 online probes 20 to 120 s apart, each at a terminal the card never used — first
 *   a $0 authorization (does the card work?), then small amounts (0.50 to 3.00) — then 2 to 10 minutes later one
 *   large amount (120.00 to 219.99, below handbook scenario 1's threshold) at another new terminal;</li>
 *   <li><b>account takeover</b>: from a random moment, for 3 days, Poisson(3) transactions a day at night
 *   (~ N(03:00, 1.5 h)) at terminals around a point at least 40 away from the customer, with amounts the customer
 *   could make (U(mean, 2 x mean), below 220).</li>
 * </ul>
 * Every transaction of either scenario is fraud. The customer's own transactions go on meanwhile.
 */
final class SequenceScenarios {

  /** The first probe of a card test: an authorization of 0, as card verifications are. */
  static final long ZERO_AUTHORIZATION = 0;
  static final int TAKEOVER_DAYS = 3;
  static final double TAKEOVER_MIN_DISTANCE = 40;
  private static final double TAKEOVER_TRANSACTIONS_PER_DAY = 3;
  private static final double NIGHT = 3 * 3600;
  private static final double NIGHT_STANDARD_DEVIATION = 1.5 * 3600;

  private final Population population;
  private final SplittableRandom random;

  SequenceScenarios(Population population, SplittableRandom random) {
    this.population = population;
    this.random = random;
  }

  /** A card-testing burst of {@code customer}'s card on the day starting at {@code dayStart} (seconds). */
  List<Simulator.Draft> cardTesting(int customer, long dayStart) {
    List<Simulator.Draft> drafts = new ArrayList<>();
    long time = dayStart + random.nextLong(Simulator.SECONDS_PER_DAY - 3 * 3600);
    int probes = 3 + random.nextInt(6);
    for (int i = 0; i < probes; i++) {
      long cents = 50 + random.nextInt(251);
      drafts.add(draft(time, customer, newTerminal(customer), i == 0 ? ZERO_AUTHORIZATION : cents, true,
          FraudScenario.CARD_TESTING));
      time += 20 + random.nextInt(101);
    }
    time += 120 + random.nextInt(481);
    drafts.add(draft(time, customer, newTerminal(customer), 120_00 + random.nextInt(100_00), true,
        FraudScenario.CARD_TESTING));
    return drafts;
  }

  /** The fraudster's transactions after taking over {@code customer}'s account on the day starting at dayStart. */
  List<Simulator.Draft> accountTakeover(int customer, long dayStart) {
    long takeover = dayStart + random.nextLong(Simulator.SECONDS_PER_DAY);
    int[] terminals = farRegionTerminals(customer);
    long mean = Math.round(population.meanAmount[customer] * 100);
    List<Simulator.Draft> drafts = new ArrayList<>();
    for (int day = 0; day <= TAKEOVER_DAYS; day++) {
      long midnight = dayStart + day * Simulator.SECONDS_PER_DAY;
      int count = Simulator.poisson(random, TAKEOVER_TRANSACTIONS_PER_DAY);
      for (int i = 0; i < count; i++) {
        long time = midnight + Math.round(NIGHT + NIGHT_STANDARD_DEVIATION * random.nextGaussian());
        long cents = Math.min(Simulator.LARGE_AMOUNT_CENTS - 1, mean + random.nextLong(mean + 1));
        int terminal = terminals[random.nextInt(terminals.length)];
        if (time >= takeover && time < takeover + TAKEOVER_DAYS * Simulator.SECONDS_PER_DAY) {
          drafts.add(draft(time, customer, terminal, cents, false, FraudScenario.ACCOUNT_TAKEOVER));
        }
      }
    }
    return drafts;
  }

  /** Terminals around a random point at least {@link #TAKEOVER_MIN_DISTANCE} from the customer. */
  private int[] farRegionTerminals(int customer) {
    double x;
    double y;
    do {
      x = random.nextDouble(0, Population.GRID);
      y = random.nextDouble(0, Population.GRID);
    } while (Math.hypot(x - population.customerX[customer], y - population.customerY[customer])
        < TAKEOVER_MIN_DISTANCE);
    int[] terminals = population.terminalsNear(x, y);
    return terminals.length > 0 ? terminals : new int[] {population.nearestTerminal(x, y)};
  }

  /** A random terminal outside the customer's radius: one its card has never used (any, when none is outside). */
  private int newTerminal(int customer) {
    int[] usual = population.nearbyTerminals[customer];
    if (usual.length == population.terminals()) {
      return random.nextInt(population.terminals());
    }
    while (true) {
      int terminal = random.nextInt(population.terminals());
      if (Arrays.binarySearch(usual, terminal) < 0) {
        return terminal;
      }
    }
  }

  private static Simulator.Draft draft(long time, int customer, int terminal, long cents, boolean online,
      FraudScenario scenario) {
    return new Simulator.Draft(time, customer, terminal, cents, online, scenario, 0);
  }
}
