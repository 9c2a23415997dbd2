package io.argus.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.FraudScore;
import io.argus.avro.ModelRelease;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer on a real embedded broker: waiting for a champion, hot swaps under load, refused artifacts. Each test
 * starts a scorer of its own (its own application id) after withdrawing every release and truncating the features
 * written by earlier tests.
 */
class ScorerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  /** Explains about a third of the untrained models' scores. */
  private static final ScorerConfig CONFIG = new ScorerConfig(new DecisionThresholds(0.4, 0.5, 0.4, 0.4),
      ExplainerConfig.DEFAULTS, ScorerConfig.DEFAULT_DEDUPLICATION_RETENTION, 0, 1, 1, 64);
  private static final List<ModelInput> BACKGROUND = SyntheticFeatures.sample(60, 5);

  @TempDir
  static Path directory;
  private static EmbeddedKafkaBroker broker;
  private static KafkaFixture kafka;
  private static ModelRegistry registry;
  private Scorer scorer;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start(0, directory.resolve("kafka"));
    TopicAdmin.createAll(broker.bootstrap());
    kafka = new KafkaFixture(broker.bootstrap());
    registry = new ModelRegistry(Files.createDirectories(directory.resolve("registry")));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void startAfresh() {
    for (ModelFamily family : ModelFamily.values()) {
      kafka.withdraw(family.id());
    }
    kafka.truncate(Topics.FEATURES);
  }

  @AfterEach
  void stopScorer() {
    if (scorer != null) {
      scorer.close();
    }
  }

  @Test
  void shouldWaitForAChampionThenScoreEveryVectorThatWaited() throws Exception {
    scorer = start("waiting");
    kafka.sendFeatures("waiting", 40, 8, 1000);
    Set<TopicPartition> features = IntStream.range(0, Topics.FEATURES.partitions())
        .mapToObj(partition -> new TopicPartition(Topics.FEATURES.name(), partition)).collect(Collectors.toSet());
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!kafka.assigned("scorer-it-waiting").containsAll(features) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    assertThat(kafka.assigned("scorer-it-waiting")).as("the paused stream joins its group while it waits")
        .containsAll(features);
    assertThat(scores("waiting", 1, Duration.ofSeconds(3))).isEmpty();
    assertThat(scorer.holder().current()).isNull();
    assertThat(scorer.health().status()).isEqualTo("WAITING_FOR_MODEL");

    ModelRelease release = release(ModelFamily.MLP, "waiting-1");
    kafka.publish(release);

    List<FraudScore> scored = scores("waiting", 40, TIMEOUT);
    assertThat(scored.stream().map(FraudScore::getTransactionId).distinct()).hasSize(40);
    assertThat(scored).hasSize(40);
    assertThat(scored.stream().map(FraudScore::getModelVersion).distinct()).containsExactly("waiting-1");
  }

  @Test
  void shouldAdoptANewReleaseUnderLoadWithoutLeavingAVectorUnscored() throws Exception {
    kafka.publish(release(ModelFamily.MLP, "swap-1"));
    ModelRelease lstm = release(ModelFamily.LSTM, "swap-2");
    scorer = start("swap");
    scorer.holder().firstModel().get();

    AtomicBoolean swapped = new AtomicBoolean();
    CompletableFuture<Integer> load = CompletableFuture.supplyAsync(() -> {
      int sent = 0;
      for (; (!swapped.get() || sent < 300) && sent < 20_000; sent += 50) {
        kafka.sendFeatures("swap", sent, 50, 30, 200);
      }
      kafka.sendFeatures("swap", sent, 100, 30, 200);
      return sent + 100;
    });
    try {
      scoresOf("swap", "swap-1", 20);
      kafka.publish(lstm);
      scoresOf("swap", "swap-2", 1);
    } finally {
      swapped.set(true);
    }
    int sent = load.get();

    List<ConsumerRecord<String, FraudScore>> scored = kafka.read(Topics.FRAUD_SCORES,
        record -> record.value().getTransactionId().startsWith("swap-"), sent, TIMEOUT, Duration.ofSeconds(1));
    Map<String, Long> scoresPerId = scored.stream()
        .collect(Collectors.groupingBy(record -> record.value().getTransactionId(), Collectors.counting()));
    assertThat(scoresPerId).hasSize(sent);
    assertThat(scoresPerId.values()).containsOnly(1L);
    assertThat(scored.stream().map(record -> record.value().getModelVersion()).distinct())
        .containsExactlyInAnyOrder("swap-1", "swap-2");
    Map<Integer, List<String>> versionsByPartition = scored.stream().collect(Collectors.groupingBy(
        ConsumerRecord::partition, Collectors.mapping(record -> record.value().getModelVersion(), Collectors.toList())));
    versionsByPartition.values().forEach(versions ->
        assertThat(versions.subList(versions.indexOf("swap-2"), versions.size()).stream().distinct())
            .containsExactly("swap-2"));
    assertThat(scorer.registry().get("argus.scorer.vectors").tag("outcome", "rejected").counter().count()).isZero();
  }

  @Test
  void shouldRefuseACorruptOrMismatchedArtifactAndKeepScoringWithTheChampion() throws Exception {
    kafka.publish(release(ModelFamily.MLP, "refuse-1"));
    scorer = start("refuse");
    scorer.holder().firstModel().get();

    RegisteredModel corrupt = UntrainedModels.register(registry, ModelFamily.MLP, "refuse-2", BACKGROUND, 2);
    byte[] bytes = Files.readAllBytes(corrupt.artifact());
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(corrupt.artifact(), bytes);
    kafka.publish(Releases.champion("mlp", "refuse-2", corrupt.uri().toString(), corrupt.sha256()));
    ModelRelease otherFeatureSet = release(ModelFamily.MLP, "refuse-3");
    otherFeatureSet.setFeatureSetVersion("fraud_v2");
    kafka.publish(otherFeatureSet);

    List<Alert> refusals = kafka.read(Topics.ALERTS, record -> record.value().getKind() == AlertKind.MODEL
        && record.value().getReferences().get("modelVersion").startsWith("refuse-"), 2, TIMEOUT, Duration.ZERO)
        .stream().map(ConsumerRecord::value).toList();
    assertThat(refusals).extracting(Alert::getMessage).anySatisfy(message ->
        assertThat(message).contains("refused model mlp refuse-2", "SHA-256", "still serving mlp refuse-1"));
    assertThat(refusals).extracting(Alert::getMessage).anySatisfy(message ->
        assertThat(message).contains("refused model mlp refuse-3", "fraud_v2"));

    kafka.sendFeatures("refuse", 60, 10, 1000);
    List<FraudScore> scored = scores("refuse", 60, TIMEOUT);
    assertThat(scored).hasSize(60);
    assertThat(scored.stream().map(FraudScore::getModelVersion).distinct()).containsExactly("refuse-1");
  }

  private Scorer start(String name) {
    Properties settings = new Properties();
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-it-" + name);
    settings.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve("state-" + name).toString());
    return Scorer.start(broker.bootstrap(), settings, CONFIG, new ArtifactModelLoader(registry.root()),
        Clock.systemUTC());
  }

  private static ModelRelease release(ModelFamily family, String version) {
    RegisteredModel model = UntrainedModels.register(registry, family, version, BACKGROUND, version.hashCode());
    return Releases.champion(family.id(), version, model.uri().toString(), model.sha256());
  }

  /** Waits until {@code count} vectors of {@code prefix} are scored by {@code version}. */
  private static void scoresOf(String prefix, String version, int count) {
    assertThat(kafka.read(Topics.FRAUD_SCORES, record -> record.value().getTransactionId().startsWith(prefix + "-")
        && record.value().getModelVersion().equals(version), count, TIMEOUT, Duration.ZERO)).hasSizeGreaterThanOrEqualTo(count);
  }

  private static List<FraudScore> scores(String prefix, int expected, Duration timeout) {
    return kafka.read(Topics.FRAUD_SCORES, record -> record.value().getTransactionId().startsWith(prefix + "-"),
        expected, timeout, Duration.ofMillis(500)).stream().map(ConsumerRecord::value).toList();
  }
}
