package io.argus.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Contribution;
import io.argus.avro.FraudScore;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.model.FraudModel;
import io.argus.model.ModelFamily;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.bench.UntrainedModels;
import io.argus.scorer.fixtures.KafkaFixture;
import io.argus.scorer.fixtures.Releases;
import io.argus.scorer.model.ArtifactModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a crash: the scorer runs in a child JVM that is killed ({@code SIGKILL}: no close, no commit,
 * an open transaction, explanations in flight) while vectors flow, then restarted on the same state directory; read
 * committed, {@code fraud-scores} holds every transaction id exactly once, and {@code alerts} holds exactly one
 * explained alert for every transaction scored at or above the alert threshold and none for the others.
 */
class ExactlyOnceIT {

  private static final int VECTORS = 1_200;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  static Path directory;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(0, directory.resolve("kafka"));
    TopicAdmin.createAll(broker.bootstrap());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldScoreEveryTransactionAndExplainEveryAlertExactlyOnceAcrossAnAbruptKill() throws Exception {
    KafkaFixture kafka = new KafkaFixture(broker.bootstrap());
    ModelRegistry registry = new ModelRegistry(Files.createDirectories(directory.resolve("registry")));
    RegisteredModel model = UntrainedModels.register(registry, ModelFamily.MLP, "eos-1",
        SyntheticFeatures.sample(50, 1), 1);
    kafka.publish(Releases.champion("mlp", "eos-1", model.uri().toString(), model.sha256()));
    double alertThreshold = medianScore(registry.root(), model);
    CompletableFuture<Void> load = CompletableFuture.runAsync(() -> kafka.sendFeatures("eos", VECTORS, 100, 250));

    Process first = startScorer(registry.root(), "first", alertThreshold);
    assertThat(kafka.read(Topics.FRAUD_SCORES, ExactlyOnceIT::isOurs, 200, TIMEOUT, Duration.ZERO))
        .hasSizeGreaterThanOrEqualTo(200);
    first.destroyForcibly().waitFor();
    Process second = startScorer(registry.root(), "second", alertThreshold);
    try {
      load.get();
      List<FraudScore> scored = kafka.read(Topics.FRAUD_SCORES, ExactlyOnceIT::isOurs, VECTORS, TIMEOUT,
          Duration.ofSeconds(3)).stream().map(ConsumerRecord::value).toList();
      Map<String, Long> scoresPerId = scored.stream()
          .collect(Collectors.groupingBy(FraudScore::getTransactionId, Collectors.counting()));
      assertThat(scoresPerId).hasSize(VECTORS);
      assertThat(scoresPerId.values()).containsOnly(1L);

      Map<String, FraudScore> alerted = scored.stream().filter(score -> score.getScore() >= alertThreshold)
          .collect(Collectors.toMap(FraudScore::getTransactionId, Function.identity()));
      assertThat(alerted.size()).as("a good share of the transactions is alerted").isBetween(VECTORS / 5,
          VECTORS * 4 / 5);
      List<Alert> alerts = kafka.read(Topics.ALERTS, record -> record.key().startsWith("fraud-eos-"),
          alerted.size(), TIMEOUT, Duration.ofSeconds(3)).stream().map(ConsumerRecord::value).toList();
      Map<String, Long> alertsPerId = alerts.stream()
          .collect(Collectors.groupingBy(alert -> alert.getReferences().get("transactionId"), Collectors.counting()));
      assertThat(alertsPerId.keySet()).isEqualTo(alerted.keySet());
      assertThat(alertsPerId.values()).containsOnly(1L);
      assertThat(alerts).allSatisfy(alert -> {
        FraudScore score = alerted.get(alert.getReferences().get("transactionId"));
        assertThat(alert.getKind()).isEqualTo(AlertKind.FRAUD);
        assertThat(alert.getScore()).isEqualTo(score.getScore());
        assertThat(alert.getContributions()).isNotEmpty();
        double explained = alert.getBaseValue()
            + alert.getContributions().stream().mapToDouble(Contribution::getValue).sum();
        assertThat(explained).as("local accuracy of %s", alert.getAlertId()).isCloseTo(score.getScore(),
            within(1e-6));
        assertThat(score.getContributions()).isEmpty();
      });
    } finally {
      second.destroyForcibly().waitFor();
    }
  }

  /** The median score of the kind of vectors the test sends: about half of them are alerted. */
  private static double medianScore(Path registry, RegisteredModel model) throws Exception {
    FraudModel network = new ArtifactModelLoader(registry)
        .load(Releases.champion("mlp", "eos-1", model.uri().toString(), model.sha256())).model();
    double[] scores = SyntheticFeatures.sample(501, 9).stream().mapToDouble(network::score).sorted().toArray();
    return scores[scores.length / 2];
  }

  private static boolean isOurs(ConsumerRecord<String, FraudScore> record) {
    return record.value().getTransactionId().startsWith("eos-");
  }

  private static Process startScorer(Path registry, String name, double alertThreshold) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        ScorerProcess.class.getName(), broker.bootstrap(), registry.toString(),
        directory.resolve("scorer-state").toString(), "scorer-exactly-once", Double.toString(alertThreshold));
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.redirectErrorStream(true).redirectOutput(directory.resolve("scorer-" + name + ".log").toFile());
    return builder.start();
  }
}
