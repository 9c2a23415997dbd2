package io.argus.ingestion.streams;

import static io.argus.ingestion.validation.Fixtures.CARD;
import static io.argus.ingestion.validation.Fixtures.ONE_MINUTE_EARLIER;
import static io.argus.ingestion.validation.Fixtures.T0;
import static io.argus.ingestion.validation.Fixtures.bytes;
import static io.argus.ingestion.validation.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.avro.CheckedRecord;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.ingestion.tokenize.TestKeys;
import io.argus.ingestion.validation.Fixtures;
import io.argus.ingestion.validation.ValidationCounters;
import io.argus.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorTopologyTest {

  private static final Duration WINDOW = Duration.ofHours(24);
  private static final String MASKED_CARD = "411111******1111";

  @TempDir
  Path stateDir;

  private final ValidationCounters counters = new ValidationCounters();
  private ValidatorDrivers stages;
  private TestOutputTopic<String, Transaction> validated;
  private TestOutputTopic<String, RejectedRecord> deadLetters;

  @BeforeEach
  void startTopology() {
    stages = new ValidatorDrivers(Fixtures.validator(), WINDOW, counters, stateDir, T0);
    validated = stages.validated;
    deadLetters = stages.deadLetters;
  }

  @AfterEach
  void closeTopology() {
    stages.close();
  }

  @Test
  void shouldPublishAValidTransactionKeyedByCardToken() {
    stages.pipe("any-key", bytes(tx("t-1", "57.16")));

    TestRecord<String, Transaction> record = validated.readRecord();
    assertThat(record.key()).isEqualTo(TestKeys.tokenizer().token(CARD));
    assertThat(record.value().getTransactionId()).isEqualTo("t-1");
    assertThat(record.value().getAmountMinor()).isEqualTo(5716);
    assertThat(record.headers()).isEmpty();
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(counters.snapshot().validated()).isEqualTo(1);
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(RejectReason.NOT_JSON, "{\"card_number\": \"4111111111111111\", \"amount\": "),
        Arguments.of(RejectReason.WRONG_FIELD_TYPE, tx("t", "1").put("amount", true).toString()),
        Arguments.of(RejectReason.MISSING_FIELD, without(tx("t", "1"), "event_time").toString()),
        Arguments.of(RejectReason.INVALID_AMOUNT, tx("t", "1").put("amount", "12,50").toString()),
        Arguments.of(RejectReason.NEGATIVE_AMOUNT, tx("t", "1").put("amount", "-0.01").toString()),
        Arguments.of(RejectReason.NON_FINITE_AMOUNT, tx("t", "1").put("amount", "NaN").toString()),
        Arguments.of(RejectReason.AMOUNT_OUT_OF_RANGE, tx("t", "1").put("amount", "99999999").toString()),
        Arguments.of(RejectReason.AMOUNT_TOO_PRECISE, tx("t", "1").put("amount", "9.999").toString()),
        Arguments.of(RejectReason.UNKNOWN_CURRENCY, tx("t", "1").put("currency", "EUX").toString()),
        Arguments.of(RejectReason.FUTURE_EVENT_TIME, tx("t", CARD, "1", T0.plus(Duration.ofHours(1))).toString()),
        Arguments.of(RejectReason.INVALID_CARD_NUMBER, tx("t", "4111111111111121", "1", ONE_MINUTE_EARLIER).toString()),
        Arguments.of(RejectReason.RECORD_TOO_LARGE, tx("t", "1").put("memo", "m".repeat(17_000)).toString()),
        Arguments.of(RejectReason.INVALID_FIELD, tx("t", "1").put("channel", "telepathy").toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void shouldRouteEachFaultToDeadLettersWithItsReasonAndMaskedBytes(RejectReason reason, String json) {
    stages.pipe("k", bytes(tx("t-0", "1")));
    stages.pipe("k", bytes(json));

    TestRecord<String, RejectedRecord> record = deadLetters.readRecord();
    RejectedRecord rejection = record.value();
    String expectedBytes = json.replace(CARD, MASKED_CARD).replace("4111111111111121", "411111******1121");
    assertThat(rejection.getReason()).as(rejection.getDetail()).isEqualTo(reason);
    assertThat(StandardCharsets.UTF_8.decode(rejection.getOriginalBytes()).toString())
        .isEqualTo(reason == RejectReason.RECORD_TOO_LARGE ? expectedBytes.substring(0, 16_384) : expectedBytes);
    assertThat(rejection.getSourceTopic()).isEqualTo(Topics.TRANSACTIONS_RAW.name());
    assertThat(rejection.getSourceOffset()).isEqualTo(1);
    assertThat(record.key()).isEqualTo(Topics.TRANSACTIONS_RAW.name());
    assertThat(validated.readValuesToList()).extracting(Transaction::getTransactionId).containsExactly("t-0");
    assertThat(counters.snapshot().rejectedByReason()).containsExactly(java.util.Map.entry(reason, 1L));
  }

  @Test
  void shouldDeadLetterACopyWithinTheWindowAsDuplicate() {
    byte[] original = bytes(tx("t-1", "57.16"));
    stages.pipe("k", original);
    stages.pipe("k", original);

    RejectedRecord rejection = deadLetters.readValue();
    assertThat(validated.readValuesToList()).hasSize(1);
    assertThat(rejection.getReason()).isEqualTo(RejectReason.DUPLICATE);
    assertThat(rejection.getDetail()).contains("'t-1'", "same content", "PT24H");
    assertThat(rejection.getSourceOffset()).isEqualTo(1);
    assertThat(StandardCharsets.UTF_8.decode(rejection.getOriginalBytes()).toString())
        .isEqualTo(new String(original, StandardCharsets.UTF_8).replace(CARD, MASKED_CARD));
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterACopyArrivingWithinTheWindowWhateverItsEventTime() {
    stages.pipe("k", bytes(tx("t-1", CARD, "10", ONE_MINUTE_EARLIER.minus(Duration.ofDays(30)))), T0);
    stages.pipe("k", bytes(tx("t-1", CARD, "10", ONE_MINUTE_EARLIER.minus(Duration.ofDays(30)))),
        T0.plus(WINDOW).minusSeconds(1));

    assertThat(validated.readValuesToList()).hasSize(1);
    assertThat(deadLetters.readValue().getReason()).isEqualTo(RejectReason.DUPLICATE);
  }

  @Test
  void shouldSayWhenADuplicateIdCarriesDifferentContent() {
    stages.pipe("k", bytes(tx("t-1", "57.16")));
    stages.pipe("k", bytes(tx("t-1", "99.00")));

    assertThat(validated.readValuesToList()).extracting(Transaction::getAmountMinor).containsExactly(5716L);
    assertThat(deadLetters.readValue().getDetail()).contains("different content");
  }

  @Test
  void shouldAcceptTheSameIdAgainOutsideTheWindow() {
    stages.pipe("k", bytes(tx("t-1", "10")), T0.minus(WINDOW).minusSeconds(1));
    stages.pipe("k", bytes(tx("t-1", "10")), T0);

    assertThat(validated.readValuesToList()).hasSize(2);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldReconcileEveryInputWithExactlyOneOutput() {
    List<byte[]> inputs = mixedInputs();
    inputs.forEach(value -> stages.pipe("k", value));

    long transactions = validated.getQueueSize();
    long rejections = deadLetters.getQueueSize();
    assertThat(transactions + rejections).isEqualTo(inputs.size());
    assertThat(counters.snapshot().validated()).isEqualTo(transactions);
    assertThat(counters.snapshot().rejected()).isEqualTo(rejections);
    assertThat(counters.snapshot().rejectedByReason()).containsKeys(RejectReason.DUPLICATE, RejectReason.NOT_JSON,
        RejectReason.INVALID_CARD_NUMBER);
  }

  @Test
  void shouldLetNoClearCardNumberIntoAnyOutputRecord() {
    mixedInputs().forEach(value -> stages.pipe("k", value));

    List<TestRecord<byte[], byte[]>> outputs = new ArrayList<>();
    for (String topic : List.of(Topics.TRANSACTIONS.name(), Topics.TRANSACTIONS_DLQ.name())) {
      outputs.addAll(stages.publisher.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
          .readRecordsToList());
    }
    assertThat(outputs).hasSize(mixedInputs().size());
    for (TestRecord<byte[], byte[]> output : outputs) {
      String bytes = new String(output.key(), StandardCharsets.ISO_8859_1)
          + new String(output.value(), StandardCharsets.ISO_8859_1);
      assertThat(output.headers()).isEmpty();
      for (String card : List.of(CARD, "4111 1111 1111 1111", "5555555555554444", "4111111111111121", "411111111111")) {
        assertThat(bytes).doesNotContain(card);
      }
    }
  }

  @Test
  void shouldDropWhatTheFirstStageWritesAgainWithoutCallingItADuplicate() {
    List<TestRecord<String, CheckedRecord>> first = stages.pipe("k", bytes(tx("t-1", "10")));
    List<TestRecord<String, CheckedRecord>> second = stages.pipe("k", bytes("not json"));

    stages.replay(first);
    stages.replay(second);

    assertThat(validated.readValuesToList()).extracting(Transaction::getTransactionId).containsExactly("t-1");
    assertThat(deadLetters.readValuesToList()).extracting(RejectedRecord::getReason)
        .containsExactly(RejectReason.NOT_JSON);
    assertThat(counters.replays()).isEqualTo(2);
    assertThat(counters.snapshot().total()).isEqualTo(2);
  }

  @Test
  void shouldDropAReplayedOffsetBelowTheHighestSeenEvenIfThatOneWentElsewhere() {
    List<TestRecord<String, CheckedRecord>> early = stages.pipe("k", bytes(tx("t-1", "10")));
    stages.pipe("k", bytes(tx("t-2", "10")));

    stages.replay(early);

    assertThat(validated.readValuesToList()).extracting(Transaction::getTransactionId).containsExactly("t-1", "t-2");
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(counters.replays()).isEqualTo(1);
  }

  @Test
  void shouldFollowEachRawPartitionOnItsOwn() {
    List<TestRecord<String, CheckedRecord>> fromPartitionZero = stages.pipe("k", bytes(tx("t-1", "10")));
    stages.pipe("k", bytes(tx("t-2", "10")));
    CheckedRecord fromPartitionThree = CheckedRecord.newBuilder(fromPartitionZero.get(0).value())
        .setSourcePartition(3).setTransaction(Transaction.newBuilder(fromPartitionZero.get(0).value().getTransaction())
            .setTransactionId("t-3").build()).build();

    stages.replay(List.of(new TestRecord<>(fromPartitionZero.get(0).key(), fromPartitionThree, T0)));

    assertThat(validated.readValuesToList()).extracting(Transaction::getTransactionId)
        .containsExactly("t-1", "t-2", "t-3");
    assertThat(counters.replays()).isZero();
  }

  @Test
  void shouldCheckTheEventTimeAgainstTheClockOfTheSecondStage() {
    String ahead = tx("t-9", CARD, "1", T0.plus(Duration.ofHours(1))).toString();

    List<TestRecord<String, CheckedRecord>> written = stages.pipe("k", bytes(ahead));

    assertThat(written.get(0).value().getTransaction()).as("the first stage leaves the clock out").isNotNull();
    RejectedRecord rejection = deadLetters.readValue();
    assertThat(rejection.getReason()).isEqualTo(RejectReason.FUTURE_EVENT_TIME);
    assertThat(rejection.getSourceOffset()).isZero();
    assertThat(StandardCharsets.UTF_8.decode(rejection.getOriginalBytes()).toString())
        .isEqualTo(ahead.replace(CARD, MASKED_CARD));
    assertThat(validated.isEmpty()).isTrue();
  }

  @Test
  void shouldFillDefaultsWithoutOverridingGivenSettings() {
    Properties given = new Properties();
    given.put(StreamsConfig.APPLICATION_ID_CONFIG, "validator-eu");

    Properties config = ValidatorTopology.config(given);

    assertThat(config).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "validator-eu")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    assertThat(given).hasSize(1);
  }

  /** Valid records, a duplicate, and every kind of fault, with card numbers in the card field and elsewhere. */
  private static List<byte[]> mixedInputs() {
    List<byte[]> inputs = new ArrayList<>();
    inputs.add(bytes(tx("t-1", "10")));
    inputs.add(bytes(tx("t-1", "10")));
    inputs.add(bytes(tx("t-2", "4111 1111 1111 1111", "10", ONE_MINUTE_EARLIER)));
    inputs.add(bytes(tx("t-3", "5555555555554444", "10", ONE_MINUTE_EARLIER).put("customer_id", "5555555555554444")));
    inputs.add(bytes(tx("t-4", "4111111111111121", "10", ONE_MINUTE_EARLIER)));
    inputs.add(bytes(tx("t-5", "411111111111", "10", ONE_MINUTE_EARLIER)));
    inputs.add(bytes("card 4111111111111111 but not json"));
    inputs.add(bytes(tx("t-6", "1").put("currency", "4111111111111111")));
    faults().forEach(arguments -> inputs.add(bytes((String) arguments.get()[1])));
    return inputs;
  }

  private static ObjectNode without(ObjectNode record, String field) {
    record.remove(field);
    return record;
  }
}
