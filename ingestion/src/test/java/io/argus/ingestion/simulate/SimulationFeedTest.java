package io.argus.ingestion.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FraudLabel;
import io.argus.avro.Transaction;
import io.argus.ingestion.handbook.CustomerCards;
import io.argus.ingestion.tokenize.TestKeys;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationFeedTest {

  private static final Duration WEEK = Duration.ofDays(7);
  private static final SimulatorConfig CONFIG = SimulatorConfig.DEFAULTS.withPopulation(200, 400).withDays(20);
  private static final TransactionValidator VALIDATOR = new TransactionValidator(TestKeys.tokenizer(),
      ValidationLimits.DEFAULTS, Clock.systemUTC());

  @Test
  void shouldSendEverySimulatedTransactionThroughTheValidation() {
    List<SimulationEvent.Sent> sent = events().stream().filter(SimulationEvent.Sent.class::isInstance)
        .map(SimulationEvent.Sent.class::cast).toList();

    assertThat(sent).hasSize(SimulatorTest.generate(CONFIG).size()).allMatch(event -> event.result().isAccepted());
    SimulationEvent.Sent first = sent.get(0);
    Transaction transaction = first.result().transaction();
    assertThat(new String(first.json(), StandardCharsets.UTF_8)).contains("\"card_number\":\""
        + first.simulated().cardNumber() + "\"");
    assertThat(VALIDATOR.validate(first.json(), new io.argus.ingestion.validation.SourcePosition("t", 0, 0))
        .transaction()).usingRecursiveComparison().ignoringFields("ingestTime").isEqualTo(transaction);
    assertThat(transaction.getCardToken()).isEqualTo(TestKeys.tokenizer().token(
        CustomerCards.cardNumber(transaction.getCustomerId())));
    assertThat(transaction.getAmountMinor()).isEqualTo(first.simulated().amountCents());
    assertThat(transaction.getLocation()).isNotNull();
  }

  @Test
  void shouldReportOneLabelPerTransactionAfterTheDelayInTimeOrder() {
    List<SimulationEvent> events = events();

    Map<String, SimulatedTransaction> sentById = new HashMap<>();
    Instant latestTransaction = Instant.MIN;
    List<FraudLabel> labels = new ArrayList<>();
    for (SimulationEvent event : events) {
      if (event instanceof SimulationEvent.Sent sent) {
        sentById.put(sent.simulated().transactionId(), sent.simulated());
        latestTransaction = sent.simulated().time();
      } else if (event instanceof SimulationEvent.Reported reported) {
        FraudLabel label = reported.label();
        SimulatedTransaction transaction = sentById.get(label.getTransactionId());
        assertThat(transaction).as("the label comes after its transaction").isNotNull();
        assertThat(label.getReportedAt()).isEqualTo(transaction.time().plus(WEEK));
        assertThat(label.getFraud()).isEqualTo(transaction.fraud());
        assertThat(label.getScenario()).isEqualTo(transaction.scenario().number());
        assertThat(label.getReportedAt()).as("reported before any later transaction is sent")
            .isAfterOrEqualTo(latestTransaction);
        labels.add(label);
      }
    }
    assertThat(labels).hasSameSizeAs(sentById.values()).extracting(FraudLabel::getTransactionId)
        .doesNotHaveDuplicates();
    assertThat(labels).filteredOn(FraudLabel::getFraud).extracting(FraudLabel::getScenario)
        .contains(1, 2, 3, 4, 5);
  }

  @Test
  void shouldCollectAHistoryForOtherModulesTests() {
    SimulationFeed.History history = SimulationFeed.history(Simulator.create(CONFIG.withMaxTransactions(500)),
        VALIDATOR, WEEK);

    assertThat(history.transactions()).hasSize(500);
    assertThat(history.labels()).hasSize(500);
  }

  @Test
  void shouldResumeAfterTheSkippedEventsWithoutPacingThem() {
    List<SimulationEvent> all = events();
    List<Duration> sleeps = new ArrayList<>();
    Pacer pacer = new Pacer(0, true, Clock.fixed(SimulatorConfig.HANDBOOK_START, ZoneOffset.UTC), sleeps::add);
    SimulationFeed resumed = new SimulationFeed(Simulator.create(CONFIG), VALIDATOR, WEEK, pacer);

    long skipped = resumed.skip(1_000);

    assertThat(skipped).isEqualTo(1_000);
    assertThat(sleeps).as("skipped events are not paced").isEmpty();
    List<String> rest = new ArrayList<>();
    resumed.forEachRemaining(event -> rest.add(describe(event)));
    assertThat(rest).isEqualTo(all.subList(1_000, all.size()).stream().map(SimulationFeedTest::describe).toList());
    assertThat(sleeps).as("the resumed events are paced again").isNotEmpty();
  }

  @Test
  void shouldSkipNoFurtherThanTheEndOfTheSimulation() {
    SimulationFeed feed = new SimulationFeed(Simulator.create(CONFIG.withMaxTransactions(10)), VALIDATOR, WEEK,
        Pacer.UNLIMITED);

    assertThat(feed.skip(1_000)).isEqualTo(20);
    assertThat(feed.hasNext()).isFalse();
  }

  private static String describe(SimulationEvent event) {
    return event instanceof SimulationEvent.Sent sent ? "sent " + sent.simulated().transactionId()
        : "label " + ((SimulationEvent.Reported) event).label().getTransactionId();
  }

  private static List<SimulationEvent> events() {
    List<SimulationEvent> events = new ArrayList<>();
    new SimulationFeed(Simulator.create(CONFIG), VALIDATOR, WEEK, Pacer.UNLIMITED).forEachRemaining(events::add);
    return events;
  }
}
