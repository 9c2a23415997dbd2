package io.argus.ingestion.streams;

import static io.argus.ingestion.validation.Fixtures.CARD;
import static io.argus.ingestion.validation.Fixtures.T0;
import static io.argus.ingestion.validation.Fixtures.bytes;
import static io.argus.ingestion.validation.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.CheckedRecord;
import io.argus.avro.RejectReason;
import io.argus.ingestion.tokenize.TestKeys;
import io.argus.ingestion.validation.Fixtures;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckTopologyTest {

  private static final Instant ARRIVAL = T0.minusSeconds(5);
  private static final String MASKED_CARD = "411111******1111";

  @TempDir
  Path stateDir;

  @Test
  void shouldKeyAnAcceptedRecordByCardTokenWithItsRawPositionArrivalAndMaskedBytes() {
    byte[] raw = bytes(tx("t-1", "57.16"));

    TestRecord<String, CheckedRecord> written = check(Fixtures.validator(), raw);

    assertThat(written.key()).isEqualTo(TestKeys.tokenizer().token(CARD));
    CheckedRecord checked = written.value();
    assertThat(checked.getTransaction().getTransactionId()).isEqualTo("t-1");
    assertThat(checked.getRejection()).isNull();
    assertThat(checked.getSourceTopic()).isEqualTo(Topics.TRANSACTIONS_RAW.name());
    assertThat(checked.getSourcePartition()).isZero();
    assertThat(checked.getSourceOffset()).isZero();
    assertThat(checked.getArrivedAt()).isEqualTo(ARRIVAL);
    assertThat(StandardCharsets.UTF_8.decode(checked.getMaskedOriginal()).toString())
        .isEqualTo(new String(raw, StandardCharsets.UTF_8).replace(CARD, MASKED_CARD));
    assertThat(written.headers()).isEmpty();
  }

  @Test
  void shouldKeyARejectionBySourceTopic() {
    TestRecord<String, CheckedRecord> written = check(Fixtures.validator(), bytes(tx("t-1", "1").put("amount", "-1")));

    assertThat(written.key()).isEqualTo(Topics.TRANSACTIONS_RAW.name());
    assertThat(written.value().getTransaction()).isNull();
    assertThat(written.value().getRejection().getReason()).isEqualTo(RejectReason.NEGATIVE_AMOUNT);
    assertThat(written.value().getMaskedOriginal().remaining()).isZero();
  }

  @Test
  void shouldLeaveTheEventTimeAgainstTheClockToTheSecondStage() {
    TestRecord<String, CheckedRecord> written = check(Fixtures.validator(),
        bytes(tx("t-1", CARD, "1", T0.plus(Duration.ofDays(1)))));

    assertThat(written.value().getTransaction()).isNotNull();
    assertThat(written.key()).isEqualTo(TestKeys.tokenizer().token(CARD));
  }

  @Test
  void shouldWriteTheSameRecordToTheSamePartitionWhenItProcessesItAgainLater() {
    byte[] raw = bytes(tx("t-1", CARD, "1", T0.plus(Duration.ofMinutes(7))));
    TransactionValidator later = new TransactionValidator(TestKeys.tokenizer(), ValidationLimits.DEFAULTS,
        Fixtures.clockAt(T0.plus(Duration.ofMinutes(10))));

    TestRecord<String, CheckedRecord> first = check(Fixtures.validator(), raw);
    TestRecord<String, CheckedRecord> replayed = check(later, raw);

    assertThat(replayed.key()).isEqualTo(first.key());
    assertThat(replayed.value().getTransaction().getIngestTime()).isAfter(first.value().getTransaction()
        .getIngestTime());
    assertThat(CheckedRecord.newBuilder(replayed.value()).setTransaction(
        io.argus.avro.Transaction.newBuilder(replayed.value().getTransaction())
            .setIngestTime(first.value().getTransaction().getIngestTime()).build()).build())
        .isEqualTo(first.value());
  }

  @Test
  void shouldAlwaysRunAtLeastOnceAndSendEachRecordAtOnce() {
    Properties given = new Properties();
    given.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    given.put(StreamsConfig.APPLICATION_ID_CONFIG, "checks-eu");

    Properties config = CheckTopology.config(given);

    assertThat(config).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "checks-eu")
        .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 1)
        .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG), Integer.MAX_VALUE);
    assertThat(given).hasSize(2);
  }

  private TestRecord<String, CheckedRecord> check(TransactionValidator validator, byte[] raw) {
    Properties properties = new Properties();
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(CheckTopology.build(validator),
        CheckTopology.config(properties), T0)) {
      TestInputTopic<String, byte[]> input = driver.createInputTopic(Topics.TRANSACTIONS_RAW.name(),
          Topics.TRANSACTIONS_RAW.keySerde().serializer(), Topics.TRANSACTIONS_RAW.valueSerde().serializer());
      TestOutputTopic<String, CheckedRecord> output = driver.createOutputTopic(Topics.TRANSACTIONS_CHECKED.name(),
          new StringDeserializer(), Topics.TRANSACTIONS_CHECKED.valueSerde().deserializer());
      input.pipeInput("any-key", raw, ARRIVAL);
      return output.readRecord();
    }
  }
}
