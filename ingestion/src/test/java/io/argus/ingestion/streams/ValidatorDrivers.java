package io.argus.ingestion.streams;

import io.argus.avro.CheckedRecord;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationCounters;
import io.argus.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Both stages of the validator on {@code TopologyTestDriver}s, built by {@link CheckTopology} and
 * {@link ValidatorTopology} with their own {@code config}: what the first writes to {@code transactions-checked} is
 * piped into the second as Kafka would carry it, and kept, so a test can pipe it again as the first stage's replay.
 */
final class ValidatorDrivers implements AutoCloseable {

  final TopologyTestDriver checks;
  final TopologyTestDriver publisher;
  final TestInputTopic<String, byte[]> raw;
  final TestOutputTopic<String, Transaction> validated;
  final TestOutputTopic<String, RejectedRecord> deadLetters;
  private final TestOutputTopic<String, CheckedRecord> checkedOut;
  private final TestInputTopic<String, CheckedRecord> checkedIn;

  ValidatorDrivers(TransactionValidator validator, Duration window, ValidationCounters counters, Path stateDir,
      Instant start) {
    Properties properties = new Properties();
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    checks = new TopologyTestDriver(CheckTopology.build(validator), CheckTopology.config(properties), start);
    publisher = new TopologyTestDriver(ValidatorTopology.build(validator, window, counters),
        ValidatorTopology.config(properties), start);
    raw = checks.createInputTopic(Topics.TRANSACTIONS_RAW.name(), Topics.TRANSACTIONS_RAW.keySerde().serializer(),
        Topics.TRANSACTIONS_RAW.valueSerde().serializer());
    checkedOut = checks.createOutputTopic(Topics.TRANSACTIONS_CHECKED.name(), new StringDeserializer(),
        Topics.TRANSACTIONS_CHECKED.valueSerde().deserializer());
    checkedIn = publisher.createInputTopic(Topics.TRANSACTIONS_CHECKED.name(),
        Topics.TRANSACTIONS_CHECKED.keySerde().serializer(), Topics.TRANSACTIONS_CHECKED.valueSerde().serializer());
    validated = publisher.createOutputTopic(Topics.TRANSACTIONS.name(), new StringDeserializer(),
        Topics.TRANSACTIONS.valueSerde().deserializer());
    deadLetters = publisher.createOutputTopic(Topics.TRANSACTIONS_DLQ.name(), new StringDeserializer(),
        Topics.TRANSACTIONS_DLQ.valueSerde().deserializer());
  }

  /** A raw record through both stages; returns what the first stage wrote for it. */
  List<TestRecord<String, CheckedRecord>> pipe(String key, byte[] value) {
    raw.pipeInput(key, value);
    return forward();
  }

  /** A raw record with the given Kafka timestamp (its arrival) through both stages. */
  List<TestRecord<String, CheckedRecord>> pipe(String key, byte[] value, Instant arrival) {
    raw.pipeInput(key, value, arrival);
    return forward();
  }

  /** Pipes records into the second stage as if the first had written them (again). */
  void replay(List<TestRecord<String, CheckedRecord>> written) {
    written.forEach(checkedIn::pipeInput);
  }

  private List<TestRecord<String, CheckedRecord>> forward() {
    List<TestRecord<String, CheckedRecord>> written = checkedOut.readRecordsToList();
    written.forEach(checkedIn::pipeInput);
    return written;
  }

  @Override
  public void close() {
    checks.close();
    publisher.close();
  }
}
