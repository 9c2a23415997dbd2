package io.argus.ingestion.streams;

import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationCounters;
import io.argus.ingestion.validation.ValidationCounts;
import io.argus.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running validator: {@link ValidatorTopology} on Kafka Streams, with the counters of what it decided. Every role
 * that runs the validator ({@code argus validate}, the demo, the benchmark, the reconciliation tests) starts it here.
 *
 * <p>A stream thread that fails stops the whole client: the error is logged, {@link #failure()} completes and
 * {@link #state()} becomes {@code ERROR}; nothing committed is lost, and under exactly-once a validator started again
 * redoes the uncommitted work once.
 *
 * <pre>{@code
 * try (Validator validator = Validator.start(bootstrap, settings, transactionValidator, Duration.ofHours(24))) {
 *   ...
 *   validator.counts().summary();
 * }
 * }</pre>
 */
public final class Validator implements AutoCloseable {

  /** How long {@link #close()} waits for the stream threads to commit and stop. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(Validator.class);

  private final ValidationCounters counters = new ValidationCounters();
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
  private final KafkaStreams streams;

  private Validator(Properties config, TransactionValidator validator, Duration duplicateWindow) {
    streams = new KafkaStreams(ValidatorTopology.build(validator, duplicateWindow, counters), config);
    streams.setUncaughtExceptionHandler(exception -> {
      LOG.error("The validator stopped on an error", exception);
      failure.complete(exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
  }

  /**
   * Starts the validator against the cluster at {@code bootstrap}; {@code settings} are Kafka Streams properties
   * (application id, state directory, security...) that override the defaults of {@link ValidatorTopology#config}.
   *
   * @param duplicateWindow how close in arrival time two records with one transaction id must be to be duplicates
   */
  public static Validator start(String bootstrap, Properties settings, TransactionValidator validator,
      Duration duplicateWindow) {
    return start(KafkaSettings.of(bootstrap), settings, validator, duplicateWindow);
  }

  /**
   * Starts the validator against the cluster of {@code kafka}, whose client properties (security, SASL, TLS; config
   * provider references resolved by Kafka Streams itself) apply to every client of the application;
   * {@code settings} (application id, state directory...) override them, and both override the defaults of
   * {@link ValidatorTopology#config}.
   */
  public static Validator start(KafkaSettings kafka, Properties settings, TransactionValidator validator,
      Duration duplicateWindow) {
    Validator started = new Validator(config(kafka, settings), validator, duplicateWindow);
    started.streams.start();
    return started;
  }

  /** The Streams configuration: {@code settings} over the file's, over the topology's defaults. */
  static Properties config(KafkaSettings kafka, Properties settings) {
    Properties overrides = kafka.clientProperties();
    overrides.putAll(settings);
    overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    return ValidatorTopology.config(overrides);
  }

  /** What the validator has decided so far (a task retried under exactly-once counts its records again). */
  public ValidationCounts counts() {
    return counters.snapshot();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The Kafka Streams client, to watch (its metrics, its state); the validator starts and closes it. */
  public KafkaStreams streams() {
    return streams;
  }

  /** Completes with the error when a stream thread fails and the validator stops; never completes otherwise. */
  public CompletionStage<Throwable> failure() {
    return failure;
  }

  /** Stops the stream threads, waiting up to {@link #CLOSE_TIMEOUT} for them to commit. */
  @Override
  public void close() {
    streams.close(CLOSE_TIMEOUT);
  }
}
