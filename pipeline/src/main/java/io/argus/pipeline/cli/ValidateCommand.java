package io.argus.pipeline.cli;

import io.argus.ingestion.streams.Validator;
import io.argus.ingestion.streams.ValidatorTopology;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.tokenize.TokenKeyException;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationCounts;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.operations.RoleMetrics;
import io.argus.pipeline.operations.RoleOperations;
import io.argus.pipeline.operations.ValidatorOperations;
import io.argus.pipeline.security.Roles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus validate}: runs the validator (Kafka Streams) from {@code transactions-raw} to {@code transactions}
 * and {@code transactions-dlq} until Ctrl-C, logging its counts every {@value #LOG_EVERY_SECONDS} seconds when they
 * change. Its options for the card-token key and the validation limits are shared, as mixins, with {@code simulate}
 * and {@code ingest}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Runs the validator until Ctrl-C: JSON from transactions-raw becomes Transaction records on "
        + "transactions (keyed by card token) or RejectedRecords with a reason on transactions-dlq; exact duplicates "
        + "by transaction id within the window are dead-lettered as DUPLICATE. Every raw record ends in one of the "
        + "two, at least once: after a crash the validator writes again what it wrote since its last commit, the "
        + "same records (readers keep the first per transaction id); processing.guarantee=exactly_once_v2 in "
        + "--kafka-config writes no copy, and each record waits for a transaction to commit.",
        "The card-token key comes from ARGUS_TOKEN_KEY or --token-key-file (Base64 of at least 32 random bytes: "
            + "openssl rand -base64 32).",
        "--kafka-config also takes Kafka Streams properties (num.stream.threads...); the flags win over it.",
        "GET /health (200 once Kafka Streams is RUNNING) and GET /metrics on --ops-port; prints 'argus validate "
            + "ready ops=http://HOST:PORT' once healthy."})
public final class ValidateCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ValidateCommand.class);
  private static final long LOG_EVERY_SECONDS = 30;

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  TokenKeyOptions tokenKey;

  @Mixin
  LimitOptions limits;

  @Mixin
  OperationsOptions operations;

  @Option(names = "--duplicate-window", defaultValue = "24h", converter = DurationConverter.class,
      description = "Records with a transaction id seen this recently (arrival time) are duplicates; a duration "
          + "like 30s, 3d or ISO-8601 (PT24H). Default: ${DEFAULT-VALUE}.")
  Duration duplicateWindow;

  @Option(names = "--state-dir", defaultValue = "argus-data/validator",
      description = "Where Kafka Streams keeps the duplicate store. Default: ${DEFAULT-VALUE}.")
  Path stateDir;

  @Override
  public Integer call() throws InterruptedException {
    if (duplicateWindow.isNegative() || duplicateWindow.isZero()) {
      throw new UserException("--duplicate-window must be positive, got " + duplicateWindow);
    }
    CardTokenizer tokenizer = tokenKey.tokenizer();
    TransactionValidator validator = new TransactionValidator(tokenizer, limits.limits(), Clock.systemUTC());
    Properties properties = streamsProperties();
    String applicationId = kafka.settings().properties().getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG,
        ValidatorTopology.APPLICATION_ID);
    KafkaSettings settings = kafka.connect(Roles.validator(applicationId), true);

    LOG.info("Validator {} starting on {}: card tokens under key id {}, duplicate window {}, limits {}",
        applicationId, settings.describe(), tokenizer.keyId(), duplicateWindow, validator.limits());
    Validator running = Validator.start(settings, properties, validator, duplicateWindow);
    RoleMetrics metrics = RoleMetrics.create();
    RoleOperations surface;
    try {
      ValidatorOperations.bind(metrics, running);
      surface = operations.start("validate", () -> ValidatorOperations.health(running, applicationId),
          metrics::scrape, spec.commandLine().getOut());
    } catch (RuntimeException e) {
      running.close();
      metrics.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopped.countDown();
      awaitQuietly(closed, Validator.CLOSE_TIMEOUT.plusSeconds(5));
    }, "validator-shutdown"));
    running.failure().thenRun(stopped::countDown);
    ValidationCounts logged = running.counts();
    while (!stopped.await(LOG_EVERY_SECONDS, TimeUnit.SECONDS)) {
      ValidationCounts now = running.counts();
      if (!now.equals(logged)) {
        LOG.info("Validator: {}", now.summary());
        logged = now;
      }
    }
    surface.close();
    running.close();
    metrics.close();
    // Printed, not logged: at JVM shutdown the logging system may already be stopped.
    spec.commandLine().getOut().println("validator stopped: " + running.counts().summary());
    spec.commandLine().getOut().flush();
    closed.countDown();
    return running.state() == KafkaStreams.State.ERROR ? 1 : 0;
  }

  /** Lets a shutdown hook wait for the validator to close before the JVM exits. */
  private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The Streams settings of the flags; they win over --kafka-config's. */
  private Properties streamsProperties() {
    Properties properties = new Properties();
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    return properties;
  }

  /** Where the card-token key comes from: a key file, or the environment. */
  static final class TokenKeyOptions {

    @Option(names = "--token-key-file",
        description = "File holding the card-token key (Base64). Default: the environment variable "
            + CardTokenizer.KEY_ENVIRONMENT_VARIABLE + ".")
    Path keyFile;

    /** The environment to read the key from; tests replace it. */
    Map<String, String> environment = System.getenv();

    CardTokenizer tokenizer() {
      try {
        return keyFile != null ? CardTokenizer.fromKeyFile(keyFile) : CardTokenizer.fromEnvironment(environment);
      } catch (TokenKeyException e) {
        throw new UserException(e.getMessage());
      }
    }
  }

  /** The validation limits, defaults those of {@link ValidationLimits#DEFAULTS}. */
  static final class LimitOptions {

    @Option(names = "--max-record-bytes", defaultValue = "16384",
        description = "Larger raw records are rejected as RECORD_TOO_LARGE. Default: ${DEFAULT-VALUE}.")
    int maxRecordBytes;

    @Option(names = "--max-amount", defaultValue = "1000000",
        description = "Larger amounts (major units, any currency) are rejected as AMOUNT_OUT_OF_RANGE. "
            + "Default: ${DEFAULT-VALUE}.")
    BigDecimal maxAmount;

    @Option(names = "--max-clock-skew", defaultValue = "5m", converter = DurationConverter.class,
        description = "Event times further ahead of this machine's clock are rejected as FUTURE_EVENT_TIME; a "
            + "duration like 30s, 3d or ISO-8601 (PT5M). Default: ${DEFAULT-VALUE}.")
    Duration maxClockSkew;

    ValidationLimits limits() {
      try {
        return ValidationLimits.DEFAULTS.withMaxRecordBytes(maxRecordBytes).withMaxAmount(maxAmount)
            .withMaxClockSkew(maxClockSkew);
      } catch (IllegalArgumentException e) {
        throw new UserException("invalid validation limit: " + e.getMessage());
      }
    }
  }
}
