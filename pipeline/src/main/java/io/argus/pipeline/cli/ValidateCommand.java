package io.argus.pipeline.cli;

import io.argus.ingestion.streams.Validator;
import io.argus.ingestion.streams.ValidatorTopology;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.tokenize.TokenKeyException;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationCounts;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.schemas.Topic;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
        + "by transaction id within the window are dead-lettered as DUPLICATE. Every raw record ends in exactly one "
        + "of the two: the checks run at least once into transactions-checked, the rest exactly once.",
        "The card-token key comes from ARGUS_TOKEN_KEY or --token-key-file (Base64 of at least 32 random bytes: "
            + "openssl rand -base64 32)."})
public final class ValidateCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ValidateCommand.class);
  private static final long LOG_EVERY_SECONDS = 30;

  @Spec
  CommandSpec spec;

  @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, for example 127.0.0.1:9092.")
  String bootstrap;

  @Mixin
  TokenKeyOptions tokenKey;

  @Mixin
  LimitOptions limits;

  @Option(names = "--duplicate-window", defaultValue = "24h", converter = DurationConverter.class,
      description = "Records with a transaction id seen this recently (arrival time) are duplicates; a duration "
          + "like 30s, 3d or ISO-8601 (PT24H). Default: ${DEFAULT-VALUE}.")
  Duration duplicateWindow;

  @Option(names = "--state-dir", defaultValue = "argus-data/validator",
      description = "Where Kafka Streams keeps the duplicate store. Default: ${DEFAULT-VALUE}.")
  Path stateDir;

  @Option(names = "--config", description = "A Kafka Streams properties file; the options above take precedence.")
  Path configFile;

  @Override
  public Integer call() throws InterruptedException {
    if (duplicateWindow.isNegative() || duplicateWindow.isZero()) {
      throw new UserException("--duplicate-window must be positive, got " + duplicateWindow);
    }
    CardTokenizer tokenizer = tokenKey.tokenizer();
    TransactionValidator validator = new TransactionValidator(tokenizer, limits.limits(), Clock.systemUTC());
    Properties properties = streamsProperties();
    createTopics(bootstrap, Topics.TRANSACTIONS_RAW, Topics.TRANSACTIONS_CHECKED, Topics.TRANSACTIONS,
        Topics.TRANSACTIONS_DLQ);

    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopped.countDown();
      awaitQuietly(closed, Validator.CLOSE_TIMEOUT.plusSeconds(5));
    }, "validator-shutdown"));
    LOG.info("Validator {} starting on {}: card tokens under key id {}, duplicate window {}, limits {}",
        properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG, ValidatorTopology.APPLICATION_ID), bootstrap,
        tokenizer.keyId(), duplicateWindow, validator.limits());
    Validator running = Validator.start(bootstrap, properties, validator, duplicateWindow);
    running.failure().thenRun(stopped::countDown);
    ValidationCounts logged = running.counts();
    while (!stopped.await(LOG_EVERY_SECONDS, TimeUnit.SECONDS)) {
      ValidationCounts now = running.counts();
      if (!now.equals(logged)) {
        LOG.info("Validator: {}", now.summary());
        logged = now;
      }
    }
    running.close();
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

  /** Creates the topics that do not exist yet; an unreachable Kafka is the user's to fix. */
  static void createTopics(String bootstrap, Topic<?, ?>... topics) {
    try {
      TopicAdmin.createMissing(bootstrap, List.of(topics), (short) 1);
    } catch (IllegalStateException e) {
      throw new UserException("cannot use Kafka at --bootstrap " + bootstrap + ": " + e.getMessage());
    }
  }

  private Properties streamsProperties() {
    Properties properties = new Properties();
    if (configFile != null) {
      try (Reader reader = Files.newBufferedReader(configFile)) {
        properties.load(reader);
      } catch (NoSuchFileException e) {
        throw new UserException("--config " + configFile + ": no such file");
      } catch (IOException e) {
        throw new UserException("--config " + configFile + ": cannot read it (" + e.getMessage() + ")");
      }
    }
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
        description = "Larger amounts (major units, any currency) are rejected as INVALID_AMOUNT. "
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
