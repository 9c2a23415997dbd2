package io.argus.ingestion.streams;

import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationCounters;
import io.argus.ingestion.validation.ValidationCounts;
import io.argus.kafka.KafkaSettings;
import io.argus.kafka.OrphanTransactions;
import io.argus.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running validator: its two stages on Kafka Streams — {@link CheckTopology} at least once, then
 * {@link ValidatorTopology} at least once — with the counters of what it decided. Every role that runs the validator
 * ({@code argus validate}, the demo, the benchmarks, the reconciliation tests) starts it here.
 *
 * <p>A stream thread that fails stops its stage: the error is logged, {@link #failure()} completes and
 * {@link #state()} becomes {@code ERROR} (the caller closes the validator); nothing is lost, and a validator started
 * again redoes the uncommitted work: the first stage's replays are dropped by the second, whose own outputs since its
 * last commit are written again.
 *
 * <pre>{@code
 * try (Validator validator = Validator.start(bootstrap, settings, transactionValidator, Duration.ofHours(24))) {
 *   validator.ready();   // completes once both stages run
 *   validator.counts().summary();
 * }
 * }</pre>
 */
public final class Validator implements AutoCloseable {

  /** How long {@link #close()} waits for each stage's stream threads to commit and stop. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  /** Settings whose names start with this apply to the first stage only (without the prefix), over the others. */
  public static final String CHECK_STAGE_PREFIX = "checks.";
  private static final Logger LOG = LoggerFactory.getLogger(Validator.class);

  private final ValidationCounters counters = new ValidationCounters();
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final KafkaStreams checks;
  private final KafkaStreams publisher;
  private final Properties publishConfig;
  private final OrphanTransactions orphans;

  private Validator(KafkaSettings kafka, Properties checkConfig, Properties publishConfig,
      TransactionValidator validator, Duration duplicateWindow) {
    this.publishConfig = publishConfig;
    checks = new KafkaStreams(CheckTopology.build(validator), checkConfig);
    publisher = new KafkaStreams(ValidatorTopology.build(validator, duplicateWindow, counters), publishConfig);
    orphans = OrphanTransactions.watch(kafka, publishConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    for (KafkaStreams stage : new KafkaStreams[] {checks, publisher}) {
      stage.setUncaughtExceptionHandler(exception -> {
        LOG.error("The validator stopped on an error", exception);
        failure.complete(exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      stage.setStateListener((newState, oldState) -> {
        if (newState == KafkaStreams.State.RUNNING && checks.state() == KafkaStreams.State.RUNNING
            && publisher.state() == KafkaStreams.State.RUNNING && ready.complete(null)) {
          LOG.info("Validator running: {} at least once into {}, {} from it ({})",
              checkConfig.get(StreamsConfig.APPLICATION_ID_CONFIG), Topics.TRANSACTIONS_CHECKED.name(),
              publishConfig.get(StreamsConfig.APPLICATION_ID_CONFIG),
              publishConfig.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        }
      });
    }
  }

  /**
   * Starts the validator against the cluster at {@code bootstrap}, without client security; see
   * {@link #start(KafkaSettings, Properties, TransactionValidator, Duration)}.
   */
  public static Validator start(String bootstrap, Properties settings, TransactionValidator validator,
      Duration duplicateWindow) {
    return start(KafkaSettings.of(bootstrap), settings, validator, duplicateWindow);
  }

  /**
   * Starts the validator against the cluster of {@code kafka}, whose client properties (security, SASL, TLS; config
   * provider references resolved by Kafka Streams itself) apply to every client of both stages; {@code settings}
   * are Kafka Streams properties (application id, state directory...) that override them and the defaults of both
   * stages' topologies; those starting with {@value #CHECK_STAGE_PREFIX} apply to the first stage only. The first
   * stage's application id is the second's with {@code -check} appended.
   *
   * @param duplicateWindow how close in arrival time two records with one transaction id must be to be duplicates
   */
  public static Validator start(KafkaSettings kafka, Properties settings, TransactionValidator validator,
      Duration duplicateWindow) {
    Validator started = new Validator(kafka, checkConfig(kafka, settings), config(kafka, settings), validator,
        duplicateWindow);
    started.publisher.start();
    started.checks.start();
    return started;
  }

  /** The second stage's Streams configuration: {@code settings} over the file's, over its defaults. */
  static Properties config(KafkaSettings kafka, Properties settings) {
    Properties overrides = kafka.clientProperties();
    settings.forEach((key, value) -> {
      if (!key.toString().startsWith(CHECK_STAGE_PREFIX)) {
        overrides.put(key, value);
      }
    });
    overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    return ValidatorTopology.config(overrides);
  }

  /**
   * The first stage's Streams configuration: {@code settings} over the file's, then those starting with
   * {@value #CHECK_STAGE_PREFIX} (without it), over its defaults, under the second stage's application id plus
   * {@code -check}.
   */
  static Properties checkConfig(KafkaSettings kafka, Properties settings) {
    Properties overrides = kafka.clientProperties();
    settings.forEach((key, value) -> {
      if (!key.toString().startsWith(CHECK_STAGE_PREFIX)) {
        overrides.put(key, value);
      }
    });
    overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, checkApplicationId(overrides.getProperty(
        StreamsConfig.APPLICATION_ID_CONFIG, ValidatorTopology.APPLICATION_ID)));
    settings.forEach((key, value) -> {
      if (key.toString().startsWith(CHECK_STAGE_PREFIX)) {
        overrides.put(key.toString().substring(CHECK_STAGE_PREFIX.length()), value);
      }
    });
    overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    return CheckTopology.config(overrides);
  }

  /** The first stage's application id (its group, its internal topics' prefix) for the validator's {@code id}. */
  public static String checkApplicationId(String applicationId) {
    return applicationId + "-check";
  }

  /** The second stage's Kafka Streams configuration, as it runs (a copy). */
  public Properties streamsConfig() {
    Properties copy = new Properties();
    copy.putAll(publishConfig);
    return copy;
  }

  /** What the validator has decided so far (a task that runs again after a crash counts its records again). */
  public ValidationCounts counts() {
    return counters.snapshot();
  }

  /** Transactions dead instances of the second stage left open, aborted once they left the group. */
  public long orphanTransactionsAborted() {
    return orphans.aborted();
  }

  /** Records the first stage wrote again after a crash and the second dropped, so far. */
  public long replaysDropped() {
    return counters.replays();
  }

  /**
   * The state of the validator: {@code ERROR} (or on its way there) if either stage fails, otherwise the first
   * stage's until it runs, then the second's.
   */
  public KafkaStreams.State state() {
    for (KafkaStreams stage : new KafkaStreams[] {checks, publisher}) {
      if (stage.state() == KafkaStreams.State.ERROR || stage.state() == KafkaStreams.State.PENDING_ERROR) {
        return stage.state();
      }
    }
    return checks.state() != KafkaStreams.State.RUNNING ? checks.state() : publisher.state();
  }

  /** Completes once both stages run (their consumers have their partitions): the validator is ready. */
  public CompletionStage<Void> ready() {
    return ready;
  }

  /** Both stages' Kafka Streams clients, to watch (their metrics, their state); the validator starts and closes them. */
  public List<KafkaStreams> stages() {
    return List.of(checks, publisher);
  }

  /** Completes with the error when a stream thread fails and the validator stops; never completes otherwise. */
  public CompletionStage<Throwable> failure() {
    return failure;
  }

  /** Stops both stages, the first first, waiting up to {@link #CLOSE_TIMEOUT} each for them to commit. */
  @Override
  public void close() {
    checks.close(CLOSE_TIMEOUT);
    publisher.close(CLOSE_TIMEOUT);
    orphans.close();
  }
}
