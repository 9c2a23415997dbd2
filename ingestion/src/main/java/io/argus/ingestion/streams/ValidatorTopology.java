package io.argus.ingestion.streams;

import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationCounters;
import io.argus.ingestion.validation.ValidationResult;
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
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The validator, a Kafka Streams topology: raw JSON from {@code transactions-raw} is validated by the one
 * {@link TransactionValidator}; accepted transactions are keyed by card token, repartitioned so that copies of one
 * transaction meet in one task, stripped of exact duplicates by transaction id within a window of arrival time, and
 * written to {@code transactions}; every rejected record, duplicates included, goes to {@code transactions-dlq} with
 * its reason. Every input ends in exactly one of the two outputs (exactly-once v2), so they reconcile.
 *
 * <p>{@link Validator#start} runs it on Kafka Streams; its {@code TopologyTestDriver} test calls {@link #build} and
 * {@link #config} directly.
 */
public final class ValidatorTopology {

  public static final String APPLICATION_ID = "argus-validator";
  public static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofHours(24);
  static final String TRANSACTION_IDS_STORE = "transaction-ids";

  private ValidatorTopology() {
  }

  /** The topology between the catalogue's topics. */
  public static Topology build(TransactionValidator validator, Duration duplicateWindow, ValidationCounters counters) {
    return build(Topics.TRANSACTIONS_RAW, Topics.TRANSACTIONS, Topics.TRANSACTIONS_DLQ, validator, duplicateWindow,
        counters);
  }

  /**
   * The topology between the given topics.
   *
   * @param duplicateWindow how close in arrival time (Kafka timestamps) two records with one transaction id must be
   *     to be duplicates
   * @param counters counts each record's outcome as it is written
   */
  public static Topology build(Topic<String, byte[]> raw, Topic<String, Transaction> validated,
      Topic<String, RejectedRecord> deadLetters, TransactionValidator validator, Duration duplicateWindow,
      ValidationCounters counters) {
    if (duplicateWindow.isNegative() || duplicateWindow.isZero()) {
      throw new IllegalArgumentException("duplicate window must be positive, got " + duplicateWindow);
    }
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(TRANSACTION_IDS_STORE, duplicateWindow, duplicateWindow, false),
        Serdes.String(), Serdes.Integer()));

    // 1. Validate every raw record; rejections go to the dead letters at once.
    Map<String, KStream<String, ValidationResult>> checked = builder
        .stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()).withName("read-raw"))
        .process(() -> new ValidateProcessor(validator), Named.as("validate"))
        .split(Named.as("checked-"))
        .branch((key, result) -> result.isAccepted(), Branched.as("accepted"))
        .defaultBranch(Branched.as("rejected"));
    writeRejections(checked.get("checked-rejected"), deadLetters, counters, "invalid");

    // 2. Bring copies of a transaction together (same card, same token) and drop duplicates.
    Map<String, KStream<String, ValidationResult>> unique = checked.get("checked-accepted")
        .mapValues(ValidationResult::transaction, Named.as("transaction"))
        .repartition(Repartitioned.with(validated.keySerde(), validated.valueSerde()).withName("by-card-token"))
        .process(() -> new DuplicateFilter(validator, duplicateWindow), Named.as("drop-duplicates"),
            TRANSACTION_IDS_STORE)
        .split(Named.as("unique-"))
        .branch((key, result) -> result.isAccepted(), Branched.as("accepted"))
        .defaultBranch(Branched.as("duplicate"));
    writeRejections(unique.get("unique-duplicate"), deadLetters, counters, "duplicate");

    // 3. Publish the validated transactions, keyed by card token.
    unique.get("unique-accepted")
        .peek((key, result) -> counters.validated(), Named.as("count-validated"))
        .mapValues(ValidationResult::transaction, Named.as("validated"))
        .to(validated.name(), Produced.with(validated.keySerde(), validated.valueSerde()).withName("write-validated"));
    return builder.build();
  }

  /**
   * The Streams configuration: {@code overrides} (bootstrap servers at least) with defaults filled in — application
   * id {@value #APPLICATION_ID}, exactly-once v2, one stream thread.
   */
  public static Properties config(Properties overrides) {
    Properties config = new Properties();
    config.putAll(overrides);
    config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    config.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    config.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    config.putIfAbsent(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    return config;
  }

  private static void writeRejections(KStream<String, ValidationResult> rejected,
      Topic<String, RejectedRecord> deadLetters, ValidationCounters counters, String name) {
    rejected
        .peek((key, result) -> counters.rejected(result.rejection().getReason()), Named.as("count-" + name))
        .mapValues(ValidationResult::rejection, Named.as(name + "-rejection"))
        .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde())
            .withName("write-" + name));
  }
}
