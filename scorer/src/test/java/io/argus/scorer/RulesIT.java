package io.argus.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Decision;
import io.argus.avro.FiredRule;
import io.argus.avro.FraudScore;
import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.kafka.KafkaClients;
import io.argus.model.ModelFamily;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.bench.UntrainedModels;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.fixtures.KafkaFixture;
import io.argus.scorer.fixtures.Releases;
import io.argus.scorer.model.ArtifactModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules on a real embedded broker: a rule published to the rules topic fires on live scores without a restart and is
 * recorded in {@code FraudScore}; a rule that reaches the topic without being checked is refused with a MODEL alert
 * while scoring goes on; a tombstone retires a rule; a restarted scorer applies the rules in force to its very first
 * score.
 */
class RulesIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final ScorerConfig CONFIG = new ScorerConfig(DecisionThresholds.DEFAULTS, ExplainerConfig.DEFAULTS,
      ScorerConfig.DEFAULT_DEDUPLICATION_RETENTION, 0, 1);
  /** Holds for every synthetic vector (amounts are positive). */
  private static final String EVERY_AMOUNT = "TX_AMOUNT > 0.0";

  @TempDir
  static Path directory;
  private static EmbeddedKafkaBroker broker;
  private static KafkaFixture kafka;
  private static ModelRegistry registry;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start(0, directory.resolve("kafka"));
    TopicAdmin.createAll(broker.bootstrap());
    kafka = new KafkaFixture(broker.bootstrap());
    registry = new ModelRegistry(Files.createDirectories(directory.resolve("registry")));
    RegisteredModel model = UntrainedModels.register(registry, ModelFamily.MLP, "rules-1",
        SyntheticFeatures.sample(60, 5), 7);
    kafka.publish(Releases.champion("mlp", "rules-1", model.uri().toString(), model.sha256()));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldFireAPublishedRuleOnLiveScoresWithoutARestartAndRefuseAnUncheckedOne() throws Exception {
    try (Scorer scorer = start("live")) {
      scorer.holder().firstModel().get();
      kafka.sendFeatures("before", 20, 5, 1000);
      assertThat(scores("before-", 20)).allSatisfy(score -> assertThat(score.getRules()).isEmpty());

      publish(rule("every-amount", EVERY_AMOUNT, RuleAction.DECLINE, 1));
      sendUntilScoredWith("probe", "every-amount");
      kafka.sendFeatures("after", 30, 5, 1000);

      List<FraudScore> after = scores("after-", 30);
      assertThat(after).hasSize(30).allSatisfy(score -> {
        assertThat(score.getRules()).containsExactly(new FiredRule("every-amount", 1, RuleAction.DECLINE));
        assertThat(score.getDecision()).isEqualTo(Decision.DECLINE);
      });
      List<Alert> ruleAlerts = kafka.read(Topics.ALERTS, record -> record.value().getAlertId().startsWith("fraud-after-"),
          30, TIMEOUT, Duration.ZERO).stream().map(ConsumerRecord::value).toList();
      assertThat(ruleAlerts).hasSize(30).allSatisfy(alert ->
          assertThat(alert.getReferences()).containsEntry("rules", "every-amount"));

      publish(rule("unchecked", "AMOUNT > 1.0", RuleAction.DECLINE, 1));
      List<Alert> refusals = kafka.read(Topics.ALERTS, record -> record.value().getKind() == AlertKind.MODEL
          && "unchecked".equals(record.value().getReferences().get("ruleId")), 1, TIMEOUT, Duration.ZERO)
          .stream().map(ConsumerRecord::value).toList();
      assertThat(refusals).singleElement().satisfies(alert ->
          assertThat(alert.getMessage()).contains("'AMOUNT' is not a name rules know"));

      retire("every-amount");
      sendUntilScoredWithout("retired", "every-amount");
      kafka.sendFeatures("plain", 20, 5, 1000);
      assertThat(scores("plain-", 20)).hasSize(20).allSatisfy(score -> assertThat(score.getRules()).isEmpty());
      assertThat(scorer.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(scorer.registry().get("argus.scorer.rule.refusals").counter().count()).isEqualTo(1);
    }
  }

  @Test
  void shouldApplyTheRulesInForceToTheFirstScoreAfterARestart() throws Exception {
    publish(rule("restart-review", "TX_AMOUNT > 0.0 && transaction_id.startsWith('restart-')", RuleAction.REVIEW, 3));
    kafka.sendFeatures("restart", 25, 5, 1000);

    try (Scorer scorer = start("restart")) {
      List<FraudScore> scored = scores("restart-", 25);

      assertThat(scored).hasSize(25).allSatisfy(score ->
          assertThat(score.getRules()).containsExactly(new FiredRule("restart-review", 3, RuleAction.REVIEW)));
      assertThat(scorer.rules().current().rules()).extracting(rule -> rule.id()).contains("restart-review");
    }
  }

  private void sendUntilScoredWith(String prefix, String ruleId) {
    for (int batch = 0; batch < 200; batch++) {
      kafka.sendFeatures(prefix, batch * 5, 5, 5, 1000);
      if (!kafka.read(Topics.FRAUD_SCORES, record -> record.value().getTransactionId().startsWith(prefix + "-")
          && record.value().getRules().stream().anyMatch(rule -> rule.getId().equals(ruleId)), 1,
          Duration.ofSeconds(2), Duration.ZERO).isEmpty()) {
        return;
      }
    }
    throw new AssertionError("no score of " + prefix + " vectors carried rule " + ruleId);
  }

  private void sendUntilScoredWithout(String prefix, String ruleId) {
    for (int batch = 0; batch < 200; batch++) {
      kafka.sendFeatures(prefix, batch * 5, 5, 5, 1000);
      if (!kafka.read(Topics.FRAUD_SCORES, record -> record.value().getTransactionId().startsWith(prefix + "-")
          && record.value().getRules().stream().noneMatch(rule -> rule.getId().equals(ruleId)), 1,
          Duration.ofSeconds(2), Duration.ZERO).isEmpty()) {
        return;
      }
    }
    throw new AssertionError("every score of " + prefix + " vectors still carried rule " + ruleId);
  }

  private static Scorer start(String name) {
    Properties settings = new Properties();
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "rules-it-" + name);
    settings.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve("state-" + name).toString());
    return Scorer.start(broker.bootstrap(), settings, CONFIG, new ArtifactModelLoader(registry.root()),
        Clock.systemUTC());
  }

  private static List<FraudScore> scores(String prefix, int expected) {
    return kafka.read(Topics.FRAUD_SCORES, record -> record.value().getTransactionId().startsWith(prefix),
        expected, TIMEOUT, Duration.ofMillis(500)).stream().map(ConsumerRecord::value).toList();
  }

  private static RiskRule rule(String id, String expression, RuleAction action, int version) {
    return RiskRule.newBuilder().setId(id).setExpression(expression).setAction(action).setAuthor("it")
        .setVersion(version).setPublishedAt(Instant.now()).build();
  }

  /** Writes the rule straight to the topic, as anything but argus rules and the dashboard could (unchecked). */
  private static void publish(RiskRule rule) throws Exception {
    send(rule.getId(), rule);
  }

  private static void retire(String id) throws Exception {
    send(id, null);
  }

  private static void send(String id, RiskRule rule) throws InterruptedException {
    try (KafkaProducer<String, RiskRule> producer = KafkaClients.producer(broker.bootstrap(), Topics.RULES)) {
      producer.send(new ProducerRecord<>(Topics.RULES.name(), id, rule)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not write to " + Topics.RULES.name(), e.getCause());
    }
  }
}
