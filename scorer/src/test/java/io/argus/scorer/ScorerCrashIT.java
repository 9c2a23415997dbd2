package io.argus.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Contribution;
import io.argus.avro.FraudScore;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.kafka.FirstCopies;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scorer across a crash, under both guarantees it runs with: it runs in a child JVM that is killed
 * ({@code SIGKILL}: no close, no commit, explanations in flight) while vectors flow, then restarted on the same state
 * directory. Read committed:
 * <ul>
 *   <li>{@code at_least_once} (the default): every transaction id is in {@code fraud-scores}, and every alerted one
 *   has an explained alert in {@code alerts}, none other; what the killed scorer had read since its last commit is
 *   scored again, so some ids may have copies, and every copy agrees with the first (score, decision, model). A
 *   reader that keeps the first copy of each id ({@link FirstCopies}) reads one score per transaction;</li>
 *   <li>{@code exactly_once_v2}: the same, and no copy at all.</li>
 * </ul>
 */
class ScorerCrashIT {

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

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2})
  void shouldScoreEveryTransactionAndExplainEveryAlertAcrossAnAbruptKill(String guarantee) throws Exception {
    String run = guarantee.equals(StreamsConfig.AT_LEAST_ONCE) ? "alos" : "eos";
    KafkaFixture kafka = new KafkaFixture(broker.bootstrap());
    ModelRegistry registry = new ModelRegistry(Files.createDirectories(directory.resolve("registry-" + run)));
    RegisteredModel model = UntrainedModels.register(registry, ModelFamily.MLP, run + "-1",
        SyntheticFeatures.sample(50, 1), 1);
    kafka.publish(Releases.champion("mlp", run + "-1", model.uri().toString(), model.sha256()));
    double alertThreshold = medianScore(registry.root(), model, run);
    CompletableFuture<Void> load = CompletableFuture.runAsync(() -> kafka.sendFeatures(run, VECTORS, 100, 250));

    Process first = startScorer(registry.root(), run, "first", alertThreshold, guarantee);
    assertThat(kafka.read(Topics.FRAUD_SCORES, record -> ours(run, record.value().getTransactionId()), 200,
        TIMEOUT, Duration.ZERO)).hasSizeGreaterThanOrEqualTo(200);
    first.destroyForcibly().waitFor();
    Process second = startScorer(registry.root(), run, "second", alertThreshold, guarantee);
    try {
      load.get();
      Map<String, List<FraudScore>> scoreCopies = new ConcurrentHashMap<>();
      List<FraudScore> scored = kafka.read(Topics.FRAUD_SCORES, firstCopies(run, scoreCopies,
              record -> record.value().getTransactionId()), VECTORS, TIMEOUT, Duration.ofSeconds(3)).stream()
          .map(ConsumerRecord::value).toList();
      assertThat(scored).as("the first copies: one per transaction").hasSize(VECTORS);
      assertThat(scoreCopies).hasSize(VECTORS);
      scoreCopies.values().forEach(copies -> assertThat(copies).allSatisfy(copy -> {
        assertThat(copy.getScore()).isEqualTo(copies.get(0).getScore());
        assertThat(copy.getDecision()).isEqualTo(copies.get(0).getDecision());
        assertThat(copy.getModelVersion()).isEqualTo(copies.get(0).getModelVersion());
      }));

      Map<String, FraudScore> alerted = scored.stream().filter(score -> score.getScore() >= alertThreshold)
          .collect(Collectors.toMap(FraudScore::getTransactionId, Function.identity()));
      assertThat(alerted.size()).as("a good share of the transactions is alerted").isBetween(VECTORS / 5,
          VECTORS * 4 / 5);
      Map<String, List<Alert>> alertCopies = new ConcurrentHashMap<>();
      List<Alert> alerts = kafka.read(Topics.ALERTS, firstCopies(run, alertCopies,
              record -> record.value().getReferences().get("transactionId")), alerted.size(), TIMEOUT,
          Duration.ofSeconds(3)).stream().map(ConsumerRecord::value).toList();
      assertThat(alertCopies.keySet()).isEqualTo(alerted.keySet());
      assertThat(alertCopies.values()).allSatisfy(copies -> assertThat(copies).extracting(Alert::getAlertId)
          .containsOnly(copies.get(0).getAlertId()));
      assertThat(alertCopies.values().stream().flatMap(List::stream)).allSatisfy(alert -> {
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
      assertThat(alerts).hasSize(alerted.size());

      System.out.printf("%s: %d score copies and %d alert copies written again after the kill%n", guarantee,
          scoreCopies.values().stream().mapToInt(List::size).sum() - VECTORS,
          alertCopies.values().stream().mapToInt(List::size).sum() - alerted.size());
      if (guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)) {
        assertThat(scoreCopies.values()).as("exactly once: no copy").allSatisfy(copies -> assertThat(copies)
            .hasSize(1));
        assertThat(alertCopies.values()).as("exactly once: no copy").allSatisfy(copies -> assertThat(copies)
            .hasSize(1));
      }
    } finally {
      second.destroyForcibly().waitFor();
    }
  }

  /**
   * A reader's filter that passes the first copy of each of this run's ids and notes every copy in {@code copies}.
   */
  private static <V> Predicate<ConsumerRecord<String, V>> firstCopies(String run, Map<String, List<V>> copies,
      Function<ConsumerRecord<String, V>, String> transactionId) {
    FirstCopies seen = new FirstCopies(10 * VECTORS);
    return record -> {
      String id = transactionId.apply(record);
      if (id == null || !ours(run, id)) {
        return false;
      }
      copies.computeIfAbsent(id, ignored -> new ArrayList<>()).add(record.value());
      return seen.first(id);
    };
  }

  /** The median score of the kind of vectors the test sends: about half of them are alerted. */
  private static double medianScore(Path registry, RegisteredModel model, String run) throws Exception {
    FraudModel network = new ArtifactModelLoader(registry)
        .load(Releases.champion("mlp", run + "-1", model.uri().toString(), model.sha256())).model();
    double[] scores = SyntheticFeatures.sample(501, 9).stream().mapToDouble(network::score).sorted().toArray();
    return scores[scores.length / 2];
  }

  private static boolean ours(String run, String transactionId) {
    return transactionId.startsWith(run + "-");
  }

  private static Process startScorer(Path registry, String run, String name, double alertThreshold,
      String guarantee) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        ScorerProcess.class.getName(), broker.bootstrap(), registry.toString(),
        directory.resolve("scorer-state-" + run).toString(), "scorer-crash-" + run, Double.toString(alertThreshold),
        guarantee);
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.redirectErrorStream(true).redirectOutput(directory.resolve("scorer-" + run + "-" + name + ".log")
        .toFile());
    return builder.start();
  }
}
