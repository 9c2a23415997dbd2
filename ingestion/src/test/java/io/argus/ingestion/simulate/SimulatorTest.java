package io.argus.ingestion.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  /** A small world: 300 customers, 600 terminals, 30 days, with only the scenarios a test switches on. */
  private static final SimulatorConfig SMALL = SimulatorConfig.DEFAULTS.withPopulation(300, 600).withDays(30)
      .withFraudsPerDay(0, 0, 0, 0);

  @Test
  void shouldGenerateTheSameTransactionsFromTheSameSeed() {
    SimulatorConfig config = SMALL.withFraudsPerDay(2, 3, 1, 1);

    List<SimulatedTransaction> first = generate(config);

    assertThat(first).hasSizeGreaterThan(1_000).isEqualTo(generate(config));
    assertThat(generate(config.withSeed(7))).isNotEqualTo(first);
  }

  @Test
  void shouldNumberTransactionsInTimeOrderFromTheStart() {
    List<SimulatedTransaction> transactions = generate(SMALL.withIdPrefix("run1-"));

    assertThat(transactions).isSortedAccordingTo(Comparator.comparing(SimulatedTransaction::time));
    for (int i = 0; i < transactions.size(); i++) {
      SimulatedTransaction transaction = transactions.get(i);
      assertThat(transaction.transactionId()).isEqualTo("run1-" + i);
      assertThat(transaction.time()).isEqualTo(SimulatorConfig.HANDBOOK_START.plusSeconds(
          transaction.secondsSinceStart()));
      assertThat(transaction.day()).isEqualTo((int) (transaction.secondsSinceStart() / 86_400));
    }
    assertThat(transactions.get(transactions.size() - 1).day()).isEqualTo(29);
  }

  @Test
  void shouldStopAfterTheRequestedCount() {
    assertThat(generate(SMALL.withMaxTransactions(123))).hasSize(123);
  }

  @Test
  void shouldFollowTheHandbooksCustomerModel() {
    Population population = Population.generate(300, 600, new SplittableRandom(SMALL.seed()));
    List<SimulatedTransaction> transactions = generate(SMALL);

    double expectedPerDay = 0;
    for (double mean : population.meanTransactionsPerDay) {
      expectedPerDay += mean;
    }
    // about 1 % of N(noon, 20,000 s) falls outside the day and is dropped
    assertThat(transactions.size() / 30.0).isCloseTo(expectedPerDay * 0.97, org.assertj.core.data.Percentage.withPercentage(6));
    for (SimulatedTransaction transaction : transactions) {
      int customer = Integer.parseInt(transaction.customerId());
      int terminal = Integer.parseInt(transaction.terminalId());
      assertThat(Math.hypot(population.customerX[customer] - population.terminalX[terminal],
          population.customerY[customer] - population.terminalY[terminal])).isLessThan(Population.RADIUS);
      assertThat(transaction.amountCents()).isNotNegative();
      assertThat(transaction.online()).isFalse();
      assertThat(transaction.cardNumber()).isEqualTo(population.cardNumbers[customer]);
    }
    double meanHour = transactions.stream().mapToDouble(t -> t.secondsSinceStart() % 86_400 / 3600.0).average()
        .orElseThrow();
    assertThat(meanHour).isBetween(11.5, 12.5);
  }

  @Test
  void shouldMarkEveryAmountAbove220AsFraudOfScenarioOne() {
    List<SimulatedTransaction> transactions = generate(SMALL.withPopulation(2_000, 600));

    assertThat(transactions).filteredOn(t -> t.amountCents() > 220_00).isNotEmpty()
        .allMatch(t -> t.scenario() == FraudScenario.LARGE_AMOUNT);
    assertThat(transactions).filteredOn(t -> t.amountCents() <= 220_00)
        .allMatch(t -> t.scenario() == FraudScenario.NONE);
  }

  @Test
  void shouldMakeEveryTransactionOfACompromisedTerminalFraudForItsWindow() {
    List<SimulatedTransaction> transactions = generate(SMALL.withFraudsPerDay(2, 0, 0, 0));

    Map<String, List<SimulatedTransaction>> byTerminal = transactions.stream()
        .collect(Collectors.groupingBy(SimulatedTransaction::terminalId));
    List<String> compromised = transactions.stream().filter(t -> t.scenario() == FraudScenario.COMPROMISED_TERMINAL)
        .map(SimulatedTransaction::terminalId).distinct().toList();
    assertThat(compromised).isNotEmpty().hasSizeLessThanOrEqualTo(2 * 30);
    for (String terminal : compromised) {
      List<SimulatedTransaction> atTerminal = byTerminal.get(terminal);
      Instant firstFraud = timeOf(atTerminal, FraudScenario.COMPROMISED_TERMINAL, true);
      Instant lastFraud = timeOf(atTerminal, FraudScenario.COMPROMISED_TERMINAL, false);
      assertThat(atTerminal).filteredOn(t -> !t.time().isBefore(firstFraud) && !t.time().isAfter(lastFraud))
          .allMatch(t -> t.scenario() == FraudScenario.COMPROMISED_TERMINAL);
    }
  }

  @Test
  void shouldMultiplyAboutAThirdOfACompromisedCustomersAmountsByFive() {
    List<SimulatedTransaction> transactions = generate(SMALL.withFraudsPerDay(0, 3, 0, 0));

    List<SimulatedTransaction> frauds = transactions.stream()
        .filter(t -> t.scenario() == FraudScenario.COMPROMISED_CUSTOMER).toList();
    assertThat(frauds).isNotEmpty().allMatch(t -> t.amountCents() % 5 == 0);
    List<String> customers = frauds.stream().map(SimulatedTransaction::customerId).distinct().toList();
    assertThat(customers).hasSizeLessThanOrEqualTo(3 * 30);
    long inWindows = 0;
    for (String customer : customers) {
      List<SimulatedTransaction> own = transactions.stream().filter(t -> t.customerId().equals(customer)).toList();
      Instant first = timeOf(own, FraudScenario.COMPROMISED_CUSTOMER, true);
      Instant last = timeOf(own, FraudScenario.COMPROMISED_CUSTOMER, false);
      inWindows += own.stream().filter(t -> !t.time().isBefore(first) && !t.time().isAfter(last)).count();
    }
    assertThat((double) frauds.size() / inWindows).isBetween(0.25, 0.6);
  }

  @Test
  void shouldTestCardsWithAZeroAuthorizationAndSmallAmountsAtNewTerminalsThenALargeOne() {
    Population population = Population.generate(300, 600, new SplittableRandom(SMALL.seed()));
    List<SimulatedTransaction> frauds = generate(SMALL.withFraudsPerDay(0, 0, 1, 0)).stream()
        .filter(t -> t.scenario() == FraudScenario.CARD_TESTING).toList();

    List<List<SimulatedTransaction>> bursts = splitWhereGapExceeds(frauds, Duration.ofMinutes(30));
    assertThat(bursts).hasSize(30);
    for (List<SimulatedTransaction> burst : bursts) {
      SimulatedTransaction large = burst.get(burst.size() - 1);
      List<SimulatedTransaction> probes = burst.subList(0, burst.size() - 1);
      assertThat(burst).allMatch(t -> t.scenario() == FraudScenario.CARD_TESTING && t.online())
          .extracting(SimulatedTransaction::customerId).containsOnly(large.customerId());
      assertThat(probes).hasSizeBetween(3, 8);
      assertThat(probes.get(0).amountCents()).as("a $0 authorization first").isZero();
      assertThat(probes.subList(1, probes.size())).allMatch(t -> t.amountCents() >= 50 && t.amountCents() <= 300);
      assertThat(large.amountCents()).isBetween(120_00L, 219_99L);
      int[] usual = population.nearbyTerminals[Integer.parseInt(large.customerId())];
      assertThat(burst).allMatch(t -> java.util.Arrays.binarySearch(usual, Integer.parseInt(t.terminalId())) < 0);
    }
  }

  @Test
  void shouldMoveATakenOverAccountFarAwayAndToTheNight() {
    Population population = Population.generate(300, 600, new SplittableRandom(SMALL.seed()));
    List<SimulatedTransaction> takeovers = generate(SMALL.withFraudsPerDay(0, 0, 0, 1)).stream()
        .filter(t -> t.scenario() == FraudScenario.ACCOUNT_TAKEOVER).toList();

    assertThat(takeovers).hasSizeGreaterThan(100).allMatch(t -> !t.online());
    for (SimulatedTransaction transaction : takeovers) {
      int customer = Integer.parseInt(transaction.customerId());
      int terminal = Integer.parseInt(transaction.terminalId());
      assertThat(Math.hypot(population.customerX[customer] - population.terminalX[terminal],
          population.customerY[customer] - population.terminalY[terminal]))
          .isGreaterThan(SequenceScenarios.TAKEOVER_MIN_DISTANCE - 2 * Population.RADIUS);
      assertThat(transaction.amountCents()).isLessThan(220_00);
    }
    long atNight = takeovers.stream().filter(t -> t.time().atZone(ZoneOffset.UTC).getHour() < 7).count();
    assertThat((double) atNight / takeovers.size()).isGreaterThan(0.8);
    Map<String, List<SimulatedTransaction>> byCustomer = takeovers.stream()
        .collect(Collectors.groupingBy(SimulatedTransaction::customerId));
    assertThat(byCustomer).hasSizeBetween(20, 30);
  }

  /** The first (or last) time of a transaction of {@code scenario}. */
  private static Instant timeOf(List<SimulatedTransaction> transactions, FraudScenario scenario, boolean first) {
    List<Instant> times = transactions.stream().filter(t -> t.scenario() == scenario)
        .map(SimulatedTransaction::time).sorted().toList();
    return first ? times.get(0) : times.get(times.size() - 1);
  }

  private static List<List<SimulatedTransaction>> splitWhereGapExceeds(List<SimulatedTransaction> transactions,
      Duration gap) {
    List<List<SimulatedTransaction>> groups = new ArrayList<>();
    for (SimulatedTransaction transaction : transactions) {
      List<SimulatedTransaction> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (last == null || Duration.between(last.get(last.size() - 1).time(), transaction.time()).compareTo(gap) > 0) {
        last = new ArrayList<>();
        groups.add(last);
      }
      last.add(transaction);
    }
    return groups;
  }

  static List<SimulatedTransaction> generate(SimulatorConfig config) {
    List<SimulatedTransaction> transactions = new ArrayList<>();
    Simulator.create(config).forEachRemaining(transactions::add);
    return transactions;
  }
}
