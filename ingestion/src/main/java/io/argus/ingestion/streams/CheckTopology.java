package io.argus.ingestion.streams;

import io.argus.avro.CheckedRecord;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.kafka.KafkaClients;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The validator's first stage, a Kafka Streams topology run at least once: each raw JSON record of
 * {@code transactions-raw} is validated and tokenized ({@link CheckProcessor}) and written at once, accepted or
 * rejected, to {@code transactions-checked}, without a transaction to wait for. After a crash it processes again the
 * records since its last commit; the second stage ({@link ValidatorTopology}) recognises those replays by their raw
 * position and drops them.
 *
 * <p>{@link Validator#start} runs it; its {@code TopologyTestDriver} test calls {@link #build} and {@link #config}.
 */
public final class CheckTopology {

  public static final String APPLICATION_ID = ValidatorTopology.APPLICATION_ID + "-check";
  /** How often the first stage commits its raw offsets: a crash replays at most this much. */
  public static final int COMMIT_INTERVAL_MS = 1_000;

  private CheckTopology() {
  }

  /** The topology between the catalogue's topics. */
  public static Topology build(TransactionValidator validator) {
    return build(Topics.TRANSACTIONS_RAW, Topics.TRANSACTIONS_CHECKED, validator);
  }

  /** The topology between the given topics. */
  public static Topology build(Topic<String, byte[]> raw, Topic<String, CheckedRecord> checked,
      TransactionValidator validator) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()).withName("read-raw"))
        .process(() -> new CheckProcessor(validator), Named.as("check"))
        .to(checked.name(), Produced.with(checked.keySerde(), checked.valueSerde()).withName("write-checked"));
    return builder.build();
  }

  /**
   * The Streams configuration: {@code overrides} (bootstrap servers at least) with defaults filled in — application
   * id {@value #APPLICATION_ID}, one stream thread, a commit every {@value #COMMIT_INTERVAL_MS} ms — and always
   * at-least-once, with the scoring path's Streams settings ({@link KafkaClients#scoringPathStreams}: a producer that
   * sends each record within {@link KafkaClients#SCORING_PATH_LINGER_MS} ms, where Kafka Streams would wait 100 ms)
   * and a producer that never gives a record up ({@code delivery.timeout.ms} unbounded: a record is written, or the
   * stage fails before it commits past it).
   */
  public static Properties config(Properties overrides) {
    Properties config = new Properties();
    config.putAll(overrides);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    config.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    config.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    KafkaClients.scoringPathStreams(config);
    config.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG), Integer.MAX_VALUE);
    config.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    config.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    config.putIfAbsent(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    return config;
  }
}
