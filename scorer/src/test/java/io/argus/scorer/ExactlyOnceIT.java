package io.argus.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FraudScore;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.model.ModelFamily;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.bench.UntrainedModels;
import io.argus.scorer.fixtures.KafkaFixture;
import io.argus.scorer.fixtures.Releases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a crash: the scorer runs in a child JVM that is killed ({@code SIGKILL}: no close, no commit,
 * an open transaction) while vectors flow, then restarted on the same state directory; read committed,
 * {@code fraud-scores} holds every transaction id exactly once.
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
  void shouldScoreEveryTransactionExactlyOnceAcrossAnAbruptKill() throws Exception {
    KafkaFixture kafka = new KafkaFixture(broker.bootstrap());
    ModelRegistry registry = new ModelRegistry(Files.createDirectories(directory.resolve("registry")));
    RegisteredModel model = UntrainedModels.register(registry, ModelFamily.MLP, "eos-1",
        SyntheticFeatures.sample(50, 1), 1);
    kafka.publish(Releases.champion("mlp", "eos-1", model.uri().toString(), model.sha256()));
    CompletableFuture<Void> load = CompletableFuture.runAsync(() -> kafka.sendFeatures("eos", VECTORS, 100, 250));

    Process first = startScorer(registry.root(), "first");
    assertThat(kafka.read(Topics.FRAUD_SCORES, ExactlyOnceIT::isOurs, 200, TIMEOUT, Duration.ZERO))
        .hasSizeGreaterThanOrEqualTo(200);
    first.destroyForcibly().waitFor();
    Process second = startScorer(registry.root(), "second");
    try {
      load.get();
      List<ConsumerRecord<String, FraudScore>> scored = kafka.read(Topics.FRAUD_SCORES, ExactlyOnceIT::isOurs,
          VECTORS, TIMEOUT, Duration.ofSeconds(3));

      Map<String, Long> scoresPerId = scored.stream()
          .collect(Collectors.groupingBy(record -> record.value().getTransactionId(), Collectors.counting()));
      assertThat(scoresPerId).hasSize(VECTORS);
      assertThat(scoresPerId.values()).containsOnly(1L);
    } finally {
      second.destroyForcibly().waitFor();
    }
  }

  private static boolean isOurs(ConsumerRecord<String, FraudScore> record) {
    return record.value().getTransactionId().startsWith("eos-");
  }

  private static Process startScorer(Path registry, String name) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        ScorerProcess.class.getName(), broker.bootstrap(), registry.toString(),
        directory.resolve("scorer-state").toString(), "scorer-exactly-once");
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.redirectErrorStream(true).redirectOutput(directory.resolve("scorer-" + name + ".log").toFile());
    return builder.start();
  }
}
