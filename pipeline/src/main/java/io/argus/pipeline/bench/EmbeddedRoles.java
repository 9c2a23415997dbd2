package io.argus.pipeline.bench;

import io.argus.common.Health;
import io.argus.features.job.FeatureJob;
import io.argus.features.job.FeatureJobConfig;
import io.argus.features.job.FeatureKafka;
import io.argus.features.job.ServingCount;
import io.argus.ingestion.streams.Validator;
import io.argus.ingestion.streams.ValidatorTopology;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.kafka.KafkaSettings;
import io.argus.scorer.Scorer;
import io.argus.scorer.ScorerConfig;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.model.ArtifactModelLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three roles of the scoring path in this JVM, started the way their commands start them: the validator
 * ({@link Validator#start}), the fraud_v1 feature job on a Flink MiniCluster ({@link FeatureKafka#wiring}) and the
 * scorer ({@link Scorer#start}) with the benchmark's model released as champion. Each has application ids and
 * consumer groups of its own run, so it reads its input from the beginning. {@link #close()} stops them in reverse.
 */
final class EmbeddedRoles implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRoles.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Map<String, Object> settings = new LinkedHashMap<>();
  private Validator validator;
  private JobClient featureJob;
  private boolean featureJobStopped;
  private Scorer scorer;

  private EmbeddedRoles() {
  }

  /**
   * Starts the validator, the feature job and the scorer against the cluster of {@code kafka}, every client of them
   * with its client properties (security, linger...), with their state under {@code work}, and releases the model;
   * returns without waiting for them (see {@link #awaitReady}).
   */
  static EmbeddedRoles start(KafkaSettings kafka, Path work, String runId, RoleSettings given, BenchModel model)
      throws Exception {
    EmbeddedRoles roles = new EmbeddedRoles();
    try {
      roles.startValidator(kafka, work, runId, given.validator());
      roles.startFeatureJob(kafka, work, runId, given.featureJobConfig(work.resolve("checkpoints")));
      roles.startScorer(kafka, work, runId, given.scorer(), model);
      return roles;
    } catch (Exception | Error e) {
      roles.close();
      throw e;
    }
  }

  private void startValidator(KafkaSettings kafka, Path work, String runId, Properties given) {
    Properties settings = new Properties();
    settings.putAll(given);
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "argus-bench-validator-" + runId);
    settings.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("validator").toString());
    TransactionValidator transactionValidator = new TransactionValidator(CardTokenizer.throwaway(),
        ValidationLimits.DEFAULTS, Clock.systemUTC());
    validator = Validator.start(kafka, settings, transactionValidator, ValidatorTopology.DEFAULT_DUPLICATE_WINDOW);
    started.push(validator);
    this.settings.put("validator", RoleSettings.describe(validator.streamsConfig()));
  }

  private void startFeatureJob(KafkaSettings kafka, Path work, String runId, FeatureJobConfig config)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FeatureJob.config(new Configuration(), config));
    FeatureKafka.Wiring wiring = FeatureKafka.wiring(kafka, "argus-bench-features-" + runId,
        work.resolve("offline").toAbsolutePath().toUri().toString());
    FeatureJob.build(env, wiring.sources(), wiring.sinks(), config);
    featureJob = env.executeAsync("argus bench pipeline features");
    started.push(() -> {
      if (!featureJobStopped) {
        featureJob.cancel().get(60, TimeUnit.SECONDS);
      }
    });
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("parallelism", config.parallelism());
    described.put("buffer_timeout_ms", config.bufferTimeout().toMillis());
    described.put("watermark_interval_ms", config.watermarkInterval().toMillis());
    described.put("checkpoint_interval_ms", config.checkpointInterval().toMillis());
    described.put("state_backend", config.stateBackend().flinkName());
    this.settings.put("features", described);
  }

  private void startScorer(KafkaSettings kafka, Path work, String runId, Properties given, BenchModel model) {
    Properties settings = new Properties();
    settings.putAll(given);
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "argus-bench-scorer-" + runId);
    settings.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("scorer").toString());
    ScorerConfig config = new ScorerConfig(model.thresholds(), ExplainerConfig.DEFAULTS,
        ScorerConfig.DEFAULT_DEDUPLICATION_RETENTION, 0, 1);
    scorer = Scorer.start(kafka, settings, config, new ArtifactModelLoader(model.registry().root()),
        Clock.systemUTC());
    started.push(scorer);
    model.publish(kafka.bootstrap(), kafka.clientProperties());
    this.settings.put("scorer", RoleSettings.describe(scorer.streamsConfig()));
  }

  /**
   * Waits until every role says it is ready: the validator's Kafka Streams client is running, the feature job is
   * running, and the scorer's health is up (the champion adopted, the rules read, its Kafka Streams client running).
   *
   * @throws TimeoutException naming each role's state when they are not all ready within {@code timeout}
   */
  void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (validator.state() != KafkaStreams.State.RUNNING || !scorer.health().isUp()
        || featureJob.getJobStatus().get() != JobStatus.RUNNING) {
      if (validator.failure().toCompletableFuture().isDone()) {
        throw new IllegalStateException("the validator failed to start", validator.failure().toCompletableFuture()
            .get());
      }
      if (System.nanoTime() > deadline) {
        Health scorerHealth = scorer.health();
        String why = scorerHealth.details().get("reason");
        throw new TimeoutException("the roles were not ready within " + timeout.toMinutes() + " minutes: validator "
            + validator.state() + ", feature job " + featureJob.getJobStatus().get() + ", scorer "
            + scorerHealth.status() + (why == null ? "" : " (" + why + ")") + "; their log says why");
      }
      Thread.sleep(10);
    }
  }

  /**
   * Stops the feature job with a savepoint (so nothing is counted twice or left out) and returns its serving counts
   * ({@link ServingCount}), by metric name. A running job's accumulators trail its tasks by a heartbeat; a stopped
   * job's are final.
   */
  Map<String, Long> stopFeatureJob(Path savepoints) {
    Map<String, Long> counts = new LinkedHashMap<>();
    try {
      featureJob.stopWithSavepoint(false, savepoints.toAbsolutePath().toUri().toString(),
          SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
      featureJobStopped = true;
      Map<String, Object> accumulators = featureJob.getJobExecutionResult().get(2, TimeUnit.MINUTES)
          .getAllAccumulatorResults();
      for (ServingCount count : ServingCount.values()) {
        Object value = accumulators.get(count.metricName());
        counts.put(count.metricName(), value instanceof Number number ? number.longValue() : 0L);
      }
    } catch (Exception e) {
      LOG.warn("Could not read the feature job's serving counts: {}", e.getMessage());
    }
    return counts;
  }

  /** The settings each role runs with, for the report. */
  Map<String, Object> settings() {
    return settings;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        LOG.warn("A benchmark role did not stop cleanly: {}", e.getMessage());
      }
    }
  }
}
