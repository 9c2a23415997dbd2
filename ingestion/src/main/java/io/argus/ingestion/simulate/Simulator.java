package io.argus.ingestion.simulate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The Fraud Detection Handbook's transaction generator, day by day, in time order, deterministic by seed, plus two
 * sequence-dependent fraud scenarios (card testing, account takeover). Each day: every customer makes
 * Poisson(mean a day) transactions at times ~ N(noon, 20,000 s) (times outside the day are dropped), amounts
 * ~ N(mean, mean / 2) (U(0, 2 x mean) when negative, rounded to the cent: 0.00 now and then, as in the handbook's
 * data), at a random terminal within its radius.
 * Fraud: see {@link FraudScenario}; handbook scenario 3 marks each transaction of a compromised customer with
 * probability 1/3 (the handbook draws a third of them at once). Ids count from 0 in time order, like the handbook's.
 * Customer {@code c} has id {@code "c"} and the card of {@link io.argus.ingestion.handbook.CustomerCards}.
 * Generating the handbook's 183 days takes a few seconds. Not thread-safe.
 */
public final class Simulator implements Iterator<SimulatedTransaction> {

  static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();
  static final int TERMINAL_COMPROMISE_DAYS = 28;
  static final int CUSTOMER_COMPROMISE_DAYS = 14;
  static final long LARGE_AMOUNT_CENTS = 220_00;
  private static final double NOON = SECONDS_PER_DAY / 2.0;
  private static final double TIME_STANDARD_DEVIATION = 20_000;

  private final SimulatorConfig config;
  private final SplittableRandom random;
  private final Population population;
  private final Map<Integer, Integer> terminalCompromisedUntil = new HashMap<>();
  private final Map<Integer, Integer> customerCompromisedUntil = new HashMap<>();
  private final PriorityQueue<Draft> scheduled = new PriorityQueue<>(Draft.ORDER);
  private final ArrayDeque<SimulatedTransaction> today = new ArrayDeque<>();
  private final SequenceScenarios sequenceScenarios;
  private int day;
  private long produced;
  private long draftCount;

  private Simulator(SimulatorConfig config) {
    this.config = config;
    this.random = new SplittableRandom(config.seed());
    this.population = Population.generate(config.customers(), config.terminals(), random);
    this.sequenceScenarios = new SequenceScenarios(population, random);
  }

  public static Simulator create(SimulatorConfig config) {
    return new Simulator(config);
  }

  public SimulatorConfig config() {
    return config;
  }

  @Override
  public boolean hasNext() {
    while (today.isEmpty() && day < config.days() && !limitReached()) {
      simulateDay();
      day++;
    }
    return !today.isEmpty() && !limitReached();
  }

  @Override
  public SimulatedTransaction next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the simulation is over after " + produced + " transactions");
    }
    produced++;
    return today.poll();
  }

  private boolean limitReached() {
    return config.maxTransactions() > 0 && produced >= config.maxTransactions();
  }

  private void simulateDay() {
    compromise(terminalCompromisedUntil, config.compromisedTerminalsPerDay(), population.terminals(),
        TERMINAL_COMPROMISE_DAYS);
    compromise(customerCompromisedUntil, config.compromisedCustomersPerDay(), population.customers(),
        CUSTOMER_COMPROMISE_DAYS);
    List<Draft> drafts = new ArrayList<>();
    for (int customer = 0; customer < population.customers(); customer++) {
      customerDay(customer, drafts);
    }
    long dayStart = day * SECONDS_PER_DAY;
    for (int i = 0; i < config.cardTestingsPerDay(); i++) {
      for (Draft draft : sequenceScenarios.cardTesting(random.nextInt(population.customers()), dayStart)) {
        drafts.add(draft.numbered(draftCount++));
      }
    }
    for (int i = 0; i < config.accountTakeoversPerDay(); i++) {
      for (Draft draft : sequenceScenarios.accountTakeover(random.nextInt(population.customers()), dayStart)) {
        scheduled.add(draft.numbered(draftCount++));
      }
    }
    while (!scheduled.isEmpty() && scheduled.peek().secondsSinceStart() < dayStart + SECONDS_PER_DAY) {
      drafts.add(scheduled.poll());
    }
    drafts.sort(Draft.ORDER);
    for (Draft draft : drafts) {
      today.add(publish(draft));
    }
  }

  private void compromise(Map<Integer, Integer> until, int count, int population, int days) {
    for (int i = 0; i < count; i++) {
      until.merge(random.nextInt(population), day + days, Math::max);
    }
  }

  /** The customer's own transactions of the day, marked by handbook scenarios 1 to 3. */
  private void customerDay(int customer, List<Draft> drafts) {
    int count = poisson(random, population.meanTransactionsPerDay[customer]);
    int[] terminals = population.nearbyTerminals[customer];
    for (int i = 0; i < count; i++) {
      long time = Math.round(NOON + TIME_STANDARD_DEVIATION * random.nextGaussian());
      if (time <= 0 || time >= SECONDS_PER_DAY) {
        continue;
      }
      double mean = population.meanAmount[customer];
      double amount = mean + mean / 2 * random.nextGaussian();
      if (amount < 0) {
        amount = random.nextDouble(0, mean * 2);
      }
      if (terminals.length == 0) {
        continue;
      }
      int terminal = terminals[random.nextInt(terminals.length)];
      long cents = Math.round(amount * 100);
      FraudScenario scenario = cents > LARGE_AMOUNT_CENTS ? FraudScenario.LARGE_AMOUNT : FraudScenario.NONE;
      if (terminalCompromisedUntil.getOrDefault(terminal, -1) > day) {
        scenario = FraudScenario.COMPROMISED_TERMINAL;
      }
      if (customerCompromisedUntil.getOrDefault(customer, -1) > day && random.nextInt(3) == 0) {
        scenario = FraudScenario.COMPROMISED_CUSTOMER;
        cents *= 5;
      }
      drafts.add(new Draft(day * SECONDS_PER_DAY + time, customer, terminal, cents, false, scenario, draftCount++));
    }
  }

  private SimulatedTransaction publish(Draft draft) {
    int terminal = draft.terminal();
    return new SimulatedTransaction(config.idPrefix() + (produced + today.size()),
        config.start().plusSeconds(draft.secondsSinceStart()), draft.secondsSinceStart(),
        (int) (draft.secondsSinceStart() / SECONDS_PER_DAY), Integer.toString(draft.customer()),
        Integer.toString(terminal), population.cardNumbers[draft.customer()], draft.cents(),
        population.merchantCategories[terminal], draft.online(), population.latitude(terminal),
        population.longitude(terminal), draft.scenario());
  }

  /** A Poisson draw by Knuth's method: exact, and fast for the small means (0 to 4) of the handbook. */
  static int poisson(SplittableRandom random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  /** A transaction before it has an id: time, who, where, how much, why it is fraud; {@code number} breaks ties. */
  record Draft(long secondsSinceStart, int customer, int terminal, long cents, boolean online, FraudScenario scenario,
      long number) {
    static final Comparator<Draft> ORDER = Comparator.comparingLong(Draft::secondsSinceStart)
        .thenComparingLong(Draft::number);

    Draft numbered(long value) {
      return new Draft(secondsSinceStart, customer, terminal, cents, online, scenario, value);
    }
  }
}
