package io.argus.ingestion.streams;

import io.argus.avro.CheckedRecord;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationCounters;
import io.argus.ingestion.validation.ValidationResult;
import io.argus.kafka.KafkaClients;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The validator's second stage, a Kafka Streams topology run at least once: what the first stage
 * ({@link CheckTopology}) wrote to {@code transactions-checked} — every raw record, checked, keyed by card token — is
 * stripped of the first stage's replays ({@link ReplayFilter}), given the checks that must be decided once
 * ({@link FinalChecks}: the clock, duplicates by transaction id within a window of arrival time), and published:
 * accepted transactions to {@code transactions}, every rejection to {@code transactions-dlq} with its reason. Every raw
 * record ends in one of the two, so they reconcile; after a crash of this stage some of its outputs are written
 * again, each copy the same as its first (readers of {@code transactions} keep the first per transaction id).
 *
 * <p>{@link Validator#start} runs both stages; the {@code TopologyTestDriver} test pipes the first stage's output into
 * this one, calling {@link #build} and {@link #config} directly.
 */
public final class ValidatorTopology {

  public static final String APPLICATION_ID = "argus-validator";
  public static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofHours(24);
  /**
   * How often the stage commits its input offsets: what a crash writes again. Outputs do not wait for it (they are
   * sent within {@link KafkaClients#SCORING_PATH_LINGER_MS} ms); under {@code exactly_once_v2}, set by hand, they
   * would.
   */
  public static final int COMMIT_INTERVAL_MS = 1_000;
  static final String TRANSACTION_IDS_STORE = "accepted-transaction-ids";
  static final String RAW_OFFSETS_STORE = "highest-raw-offsets";

  private ValidatorTopology() {
  }

  /** The topology between the catalogue's topics. */
  public static Topology build(TransactionValidator validator, Duration duplicateWindow, ValidationCounters counters) {
    return build(Topics.TRANSACTIONS_CHECKED, Topics.TRANSACTIONS, Topics.TRANSACTIONS_DLQ, validator,
        duplicateWindow, counters);
  }

  /**
   * The topology between the given topics.
   *
   * @param duplicateWindow how close in arrival time (Kafka timestamps) two records with one transaction id must be
   *     to be duplicates
   * @param counters counts each record's outcome as it is written, and the replays dropped
   */
  public static Topology build(Topic<String, CheckedRecord> checked, Topic<String, Transaction> validated,
      Topic<String, RejectedRecord> deadLetters, TransactionValidator validator, Duration duplicateWindow,
      ValidationCounters counters) {
    if (duplicateWindow.isNegative() || duplicateWindow.isZero()) {
      throw new IllegalArgumentException("duplicate window must be positive, got " + duplicateWindow);
    }
    StreamsBuilder builder = new StreamsBuilder();
    // Cached: a handful of keys written per record, so its changelog gets one record per raw partition per commit.
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RAW_OFFSETS_STORE),
        Serdes.String(), ReplayFilter.HIGHEST).withCachingEnabled());
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(TRANSACTION_IDS_STORE, duplicateWindow, duplicateWindow, false),
        Serdes.String(), Serdes.String()));

    // 1. Drop what the first stage wrote again after a crash; 2. decide what must be decided once.
    Map<String, KStream<String, ValidationResult>> decided = builder
        .stream(checked.name(), Consumed.with(checked.keySerde(), checked.valueSerde()).withName("read-checked"))
        .process(() -> new ReplayFilter(counters), Named.as("drop-replays"), RAW_OFFSETS_STORE)
        .process(() -> new FinalChecks(validator, duplicateWindow), Named.as("final-checks"), TRANSACTION_IDS_STORE)
        .split(Named.as("decided-"))
        .branch((key, result) -> result.isAccepted(), Branched.as("accepted"))
        .defaultBranch(Branched.as("rejected"));

    // 3. Publish: validated transactions keyed by card token, rejections keyed by their source topic.
    decided.get("decided-accepted")
        .peek((key, result) -> counters.validated(), Named.as("count-validated"))
        .mapValues(ValidationResult::transaction, Named.as("validated"))
        .to(validated.name(), Produced.with(validated.keySerde(), validated.valueSerde()).withName("write-validated"));
    decided.get("decided-rejected")
        .peek((key, result) -> counters.rejected(result.rejection().getReason()), Named.as("count-rejected"))
        .mapValues(ValidationResult::rejection, Named.as("rejection"))
        .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde())
            .withName("write-rejected"));
    return builder.build();
  }

  /**
   * The Streams configuration: {@code overrides} (bootstrap servers at least) with defaults filled in — application
   * id {@value #APPLICATION_ID}, at least once with the scoring path's Streams settings
   * ({@link KafkaClients#scoringPathStreams}: each output sent within {@link KafkaClients#SCORING_PATH_LINGER_MS} ms,
   * where Kafka Streams would wait 100 ms), one stream thread, a commit every {@value #COMMIT_INTERVAL_MS} ms.
   */
  public static Properties config(Properties overrides) {
    Properties config = new Properties();
    config.putAll(overrides);
    config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    KafkaClients.scoringPathStreams(config);
    config.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    config.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    config.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    config.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    config.putIfAbsent(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    return config;
  }
}
