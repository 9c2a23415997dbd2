package io.argus.pipeline.cli;

import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.operations.RoleOperations;
import io.argus.pipeline.security.Roles;
import io.argus.scorer.DecisionThresholds;
import io.argus.scorer.Scorer;
import io.argus.scorer.ScorerConfig;
import io.argus.scorer.ScoringTopology;
import io.argus.scorer.alert.ExplanationPool;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.model.ArtifactModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus score}: the scorer — {@code features} in, explained {@code fraud-scores} and {@code alerts} out,
 * at least once, each copy with its transaction's id — with the champion from {@code model-releases} and the HTTP
 * endpoints, until Ctrl-C.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Scores every feature vector with the champion model, explains high scores and writes fraud-scores "
        + "and alerts the moment they exist (at least once: after a crash, what was read since the last commit is "
        + "scored again, and its readers keep the first score per transaction id); adopts new champions from "
        + "model-releases without pausing.",
        "HTTP: POST /score (synchronous scoring), GET /metrics (Prometheus), GET /health (200 once a model is "
            + "served) on --http-port.",
        "Operations: GET /health (200 once a model is served and the scoring stream is RUNNING) and GET /metrics on "
            + "--ops-port, like every role; prints 'argus score ready ops=http://HOST:PORT' once healthy.",
        "--kafka-config also takes Kafka Streams properties (processing.guarantee=exactly_once_v2 writes no copy, "
            + "at the price of the commit wait; num.standby.replicas...); the flags win over it."})
public final class ScoreCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  OperationsOptions operations;

  @Option(names = "--registry", required = true,
      description = "The model registry directory (argus train --registry); artifacts are looked up there.")
  Path registry;

  @Option(names = "--application-id", defaultValue = ScoringTopology.APPLICATION_ID,
      description = "Kafka Streams application id (instances sharing it share the work). Default: ${DEFAULT-VALUE}.")
  String applicationId;

  @Option(names = "--state-dir", defaultValue = "argus-data/scorer",
      description = "Where the scored-transaction-id store lives. Default: ${DEFAULT-VALUE}.")
  Path stateDir;

  @Option(names = "--http-port", defaultValue = "" + ScorerConfig.DEFAULT_HTTP_PORT,
      description = "Port of POST /score, GET /metrics and GET /health (0: a free port). Default: ${DEFAULT-VALUE}.")
  int httpPort;

  @Option(names = "--http-threads", defaultValue = "" + ScorerConfig.DEFAULT_HTTP_THREADS,
      description = "Threads serving HTTP requests. Default: ${DEFAULT-VALUE}.")
  int httpThreads;

  @Option(names = "--stream-threads", defaultValue = "1",
      description = "Kafka Streams threads (each scores with its own copy of the model). Default: ${DEFAULT-VALUE}.")
  int streamThreads;

  @Option(names = "--explain-threads", defaultValue = "" + ExplanationPool.DEFAULT_THREADS,
      description = "Threads explaining alerts off the stream threads, each with its own copy of the model; an alert "
          + "waits for one while the scores behind it are written. Default: ${DEFAULT-VALUE}.")
  int explainThreads;

  @Option(names = "--commit-interval-ms", defaultValue = "" + ScoringTopology.DEFAULT_COMMIT_INTERVAL_MS,
      description = "How often the input offsets commit: at least once, at most this much is scored again after "
          + "a crash; exactly once, how long a score waits to be readable. Default: ${DEFAULT-VALUE}.")
  int commitIntervalMs;

  @Option(names = "--review-threshold", defaultValue = "0.5",
      description = "Scores from here are REVIEW. Default: ${DEFAULT-VALUE}.")
  double reviewThreshold;

  @Option(names = "--decline-threshold", defaultValue = "0.9",
      description = "Scores from here are DECLINE. Default: ${DEFAULT-VALUE}.")
  double declineThreshold;

  @Option(names = "--alert-threshold", defaultValue = "0.5",
      description = "Scores from here raise a FRAUD alert. Default: ${DEFAULT-VALUE}.")
  double alertThreshold;

  @Option(names = "--explain-threshold",
      description = "Scores from here are explained (SHAP); at most the alert threshold. Default: the alert threshold.")
  Double explainThreshold;

  @Option(names = "--top-contributions", defaultValue = "5",
      description = "Contributions a score and an alert carry, largest first. Default: ${DEFAULT-VALUE}.")
  int topContributions;

  @Option(names = "--explain-budget", defaultValue = "" + ExplainerConfig.DEFAULT_EVALUATION_BUDGET,
      description = "Model evaluations one explanation may cost; sizes the background summary. "
          + "Default: ${DEFAULT-VALUE}.")
  int explainBudget;

  @Option(names = "--individual-events", defaultValue = "" + ExplainerConfig.DEFAULT_INDIVIDUAL_EVENTS,
      description = "Earlier transactions explained one by one (older ones as one group). Default: ${DEFAULT-VALUE}.")
  int individualEvents;

  @Option(names = "--dedup-retention", defaultValue = "24h", converter = DurationConverter.class,
      description = "How long scored transaction ids are remembered to skip replays; a duration like 30s, 3d or "
          + "ISO-8601 (PT24H). Default: ${DEFAULT-VALUE}.")
  Duration deduplicationRetention;

  @Override
  public Integer call() throws InterruptedException {
    if (!Files.isDirectory(registry)) {
      throw new UserException("--registry " + registry + " is not a directory; point it at the registry that "
          + "argus train writes");
    }
    ScorerConfig config = scorerConfig();
    Properties settings = settings();
    KafkaSettings checked = kafka.connect(Roles.scorer(settings.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)),
        false);
    Scorer scorer = Scorer.start(checked, settings, config, new ArtifactModelLoader(registry), Clock.systemUTC());
    RoleOperations surface;
    try {
      surface = operations.start("score", scorer::health, scorer.registry()::scrape, spec.commandLine().getOut());
    } catch (RuntimeException e) {
      scorer.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      surface.close();
      scorer.close();
      stopped.countDown();
    }, "scorer-shutdown"));
    spec.commandLine().getOut().printf("scorer: HTTP on port %d; scoring as soon as a champion is on model-releases%n",
        scorer.httpPort());
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }

  /** The scorer's configuration from the flags; a bad combination is a {@link UserException}. */
  ScorerConfig scorerConfig() {
    try {
      DecisionThresholds thresholds = new DecisionThresholds(reviewThreshold, declineThreshold, alertThreshold,
          explainThreshold == null ? alertThreshold : explainThreshold);
      ExplainerConfig explainer = new ExplainerConfig(ExplainerConfig.DEFAULTS.exactMaxGroups(),
          ExplainerConfig.DEFAULTS.kernelSamples(), individualEvents, explainBudget, topContributions);
      return new ScorerConfig(thresholds, explainer, deduplicationRetention, httpPort, httpThreads)
          .withExplanationWorkers(explainThreads, ExplanationPool.DEFAULT_QUEUE_CAPACITY);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  /** Kafka settings: the file's (--kafka-config), then the flags' (the flags win). */
  Properties settings() {
    Properties settings = kafka.settings().clientProperties();
    if (streamThreads < 1 || commitIntervalMs < 1) {
      throw new UserException("--stream-threads and --commit-interval-ms must be at least 1");
    }
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    return settings;
  }
}
