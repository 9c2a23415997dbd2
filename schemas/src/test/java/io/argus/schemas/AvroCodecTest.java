package io.argus.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Channel;
import io.argus.avro.Decision;
import io.argus.avro.FraudScore;
import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.avro.GeoLocation;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.ServingSkew;
import io.argus.avro.SkewCause;
import io.argus.avro.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:15:30Z");
  private final AvroCodec<Transaction> codec = AvroCodec.of(Transaction.class);

  private static Transaction transaction() {
    return Transaction.newBuilder()
        .setTransactionId("t-1").setEventTime(T0).setCardToken("tok").setCustomerId("c-1").setTerminalId("term-1")
        .setAmountMinor(5716).setCurrency("EUR").setMerchantCategory("5411").setChannel(Channel.ONLINE)
        .setLocation(new GeoLocation(50.85, 4.35)).setIngestTime(T0.plusMillis(3))
        .build();
  }

  @Test
  void shouldRoundTripWithSingleObjectHeader() {
    byte[] bytes = codec.encode(transaction());

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(SchemaCatalog.fingerprint(Transaction.getClassSchema()));
    assertThat(codec.decode(bytes)).isEqualTo(transaction());
  }

  @Test
  void shouldDecodeRecordWrittenWithVersionOne() throws IOException {
    Schema v1 = historicalSchema("Transaction-v1.avsc");
    GenericRecord old = new GenericData.Record(v1);
    old.put("transactionId", "t-old");
    old.put("eventTime", T0.toEpochMilli());
    old.put("cardToken", "tok");
    old.put("customerId", "c-9");
    old.put("terminalId", "term-9");
    old.put("amountMinor", 1999L);
    old.put("currency", "EUR");
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] bytes = new byte[written.remaining()];
    written.get(bytes);

    Transaction decoded = codec.decode(bytes);

    assertThat(decoded.getTransactionId()).isEqualTo("t-old");
    assertThat(decoded.getAmountMinor()).isEqualTo(1999L);
    assertThat(decoded.getEventTime()).isEqualTo(T0);
    assertThat(decoded.getMerchantCategory()).isEqualTo("0000");
    assertThat(decoded.getChannel()).isEqualTo(Channel.CARD_PRESENT);
    assertThat(decoded.getLocation()).isNull();
  }

  @Test
  void shouldNameUnknownFingerprint() {
    byte[] bytes = codec.encode(transaction());
    AvroCodec<Transaction> stranger = AvroCodec.of(Transaction.class,
        new SchemaCatalog(List.of(Alert.getClassSchema()), List.of()));
    byte[] foreign = bytes.clone();
    foreign[2] ^= 0x5A;
    long fingerprint = ByteBuffer.wrap(foreign, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();

    assertThatThrownBy(() -> stranger.decode(foreign))
        .isInstanceOf(AvroDecodingException.class)
        .hasMessageContaining(String.format("%016x", fingerprint));
  }

  @Test
  void shouldRejectBytesWithoutMarker() {
    assertThatThrownBy(() -> codec.decode("{\"json\": true}".getBytes()))
        .isInstanceOf(AvroDecodingException.class)
        .hasMessageContaining("C3 01");
  }

  @Test
  void shouldHoldEveryCurrentAndHistoricalVersion() throws IOException {
    SchemaCatalog catalog = SchemaCatalog.argus();
    for (String file : List.of("Transaction-v1.avsc", "RejectedRecord-v1.avsc", "FraudScore-v1.avsc",
        "Alert-v1.avsc")) {
      Schema old = historicalSchema(file);
      assertThat(catalog.findByFingerprint(SchemaCatalog.fingerprint(old))).as(file).isEqualTo(old);
    }
    for (Schema schema : SchemaCatalog.CURRENT) {
      assertThat(catalog.findByFingerprint(SchemaCatalog.fingerprint(schema))).isEqualTo(schema);
    }
  }

  @Test
  void shouldReadASkewCauseAddedByANewerWriterAsOther() throws IOException {
    Schema newer = new Schema.Parser().parse(ServingSkew.getClassSchema().toString()
        .replace("\"OTHER\"]", "\"OTHER\", \"CLOCK_DRIFT\"]"));
    GenericRecord skew = new GenericData.Record(newer);
    skew.put("transactionId", "t-1");
    skew.put("eventTime", T0.toEpochMilli());
    skew.put("featureSetVersion", "fraud_v1");
    skew.put("features", List.of("TX_AMOUNT"));
    skew.put("servedValues", List.of(1.0));
    skew.put("exactValues", List.of(2.0));
    Schema cause = newer.getField("causes").schema().getElementType();
    skew.put("causes", List.of(new GenericData.EnumSymbol(cause, "CLOCK_DRIFT"),
        new GenericData.EnumSymbol(cause, "CARD_OUT_OF_ORDER")));
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(skew);
    byte[] bytes = new byte[written.remaining()];
    written.get(bytes);

    ServingSkew decoded = AvroCodec.of(ServingSkew.class, new SchemaCatalog(List.of(newer), List.of())).decode(bytes);

    assertThat(decoded.getCauses()).containsExactly(SkewCause.OTHER, SkewCause.CARD_OUT_OF_ORDER);
    assertThat(decoded.getServedValues()).containsExactly(1.0);
  }

  @Test
  void shouldDecodeADeadLetterWrittenWithVersionOne() throws IOException {
    Schema v1 = historicalSchema("RejectedRecord-v1.avsc");
    GenericRecord old = new GenericData.Record(v1);
    old.put("reason", new GenericData.EnumSymbol(v1.getField("reason").schema(), "INVALID_AMOUNT"));
    old.put("detail", "amount: must be positive, got 0.00");
    old.put("originalBytes", ByteBuffer.wrap(new byte[] {'{', '}'}));
    old.put("sourceTopic", "transactions-raw");
    old.put("sourcePartition", 0);
    old.put("sourceOffset", 7L);
    old.put("rejectedAt", T0.toEpochMilli());
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] bytes = new byte[written.remaining()];
    written.get(bytes);

    RejectedRecord decoded = AvroCodec.of(RejectedRecord.class).decode(bytes);

    assertThat(decoded.getReason()).isEqualTo(RejectReason.INVALID_AMOUNT);
    assertThat(decoded.getSourceOffset()).isEqualTo(7L);
  }

  @Test
  void shouldReadAnAmountReasonAddedInVersionTwoAsOtherWithAVersionOneReader() throws IOException {
    Schema v1 = historicalSchema("RejectedRecord-v1.avsc");
    byte[] bytes = AvroCodec.of(RejectedRecord.class).encode(RejectedRecords.of("transactions-raw", 0, 7L,
        new byte[] {'{', '}'}, RejectReason.NEGATIVE_AMOUNT, "amount: negative", Clock.fixed(T0, ZoneOffset.UTC)));

    GenericRecord read = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), v1, SchemaCatalog.argus())
        .decode(bytes);

    assertThat(read.get("reason")).hasToString("OTHER");
    assertThat(read.get("detail")).hasToString("amount: negative");
  }

  @Test
  void shouldReadAFraudScoreWrittenBeforeRulesWithNoRuleFired() throws IOException {
    Schema v1 = historicalSchema("FraudScore-v1.avsc");
    GenericRecord old = new GenericData.Record(v1);
    old.put("transactionId", "t-old");
    old.put("cardToken", "tok");
    old.put("eventTime", T0.toEpochMilli());
    old.put("score", 0.72);
    old.put("decision", new GenericData.EnumSymbol(v1.getField("decision").schema(), "REVIEW"));
    old.put("modelName", "lstm");
    old.put("modelVersion", "v3");
    old.put("contributions", List.of());
    GenericRecord timings = new GenericData.Record(v1.getField("timings").schema());
    timings.put("queueMicros", 1L);
    timings.put("modelMicros", 2L);
    timings.put("explainMicros", 3L);
    timings.put("totalMicros", 4L);
    old.put("timings", timings);
    old.put("scoredAt", T0.plusMillis(9).toEpochMilli());

    FraudScore decoded = AvroCodec.of(FraudScore.class).decode(encode(v1, old));

    assertThat(decoded.getTransactionId()).isEqualTo("t-old");
    assertThat(decoded.getDecision()).isEqualTo(Decision.REVIEW);
    assertThat(decoded.getRules()).isEmpty();
  }

  @Test
  void shouldReadAnAlertWrittenBeforeItCarriedTheTransactionsFeaturesScoreAndExplanationTimings() throws IOException {
    Schema v1 = historicalSchema("Alert-v1.avsc");
    GenericRecord old = new GenericData.Record(v1);
    old.put("alertId", "fraud-t-1");
    old.put("kind", new GenericData.EnumSymbol(v1.getField("kind").schema(), "FRAUD"));
    old.put("severity", new GenericData.EnumSymbol(v1.getField("severity").schema(), "CRITICAL"));
    old.put("message", "scored 0.97");
    old.put("createdAt", T0.toEpochMilli());
    old.put("references", Map.of("transactionId", "t-1"));
    old.put("contributions", List.of());

    Alert decoded = AvroCodec.of(Alert.class).decode(encode(v1, old));

    assertThat(decoded.getKind()).isEqualTo(AlertKind.FRAUD);
    assertThat(decoded.getReferences()).containsEntry("transactionId", "t-1");
    assertThat(decoded.getFeatures()).isEmpty();
    assertThat(decoded.getRecentTransactions()).isEmpty();
    assertThat(decoded.getScore()).isNull();
    assertThat(decoded.getBaseValue()).isNull();
    assertThat(decoded.getExplanationTimings()).isNull();
  }

  @Test
  void shouldReadARuleActionAddedByANewerWriterAsReview() throws IOException {
    Schema newer = new Schema.Parser().parse(RiskRule.getClassSchema().toString()
        .replace("\"ALLOW\"]", "\"ALLOW\", \"CHALLENGE\"]"));
    GenericRecord rule = new GenericData.Record(newer);
    rule.put("id", "big-online");
    rule.put("expression", "TX_AMOUNT > 500.0");
    rule.put("action", new GenericData.EnumSymbol(newer.getField("action").schema(), "CHALLENGE"));
    rule.put("description", "");
    rule.put("author", "ana");
    rule.put("version", 2);
    rule.put("publishedAt", T0.toEpochMilli());

    RiskRule decoded = AvroCodec.of(RiskRule.class, new SchemaCatalog(List.of(newer), List.of()))
        .decode(encode(newer, rule));

    assertThat(decoded.getAction()).isEqualTo(RuleAction.REVIEW);
    assertThat(decoded.getVersion()).isEqualTo(2);
  }

  @Test
  void shouldWriteAndReadTheBytesOfAvrosOwnSingleObjectEncoding() throws IOException {
    AvroCodec<RejectedRecord> rejections = AvroCodec.of(RejectedRecord.class);
    BinaryMessageEncoder<RejectedRecord> avroEncoder =
        new BinaryMessageEncoder<>(SpecificData.get(), RejectedRecord.getClassSchema());
    BinaryMessageDecoder<RejectedRecord> avroDecoder =
        new BinaryMessageDecoder<>(SpecificData.get(), RejectedRecord.getClassSchema());
    // Larger than the thread's first buffer, then smaller: the buffer grows and is reused without leftovers.
    for (int size : new int[] {5_000, 3, 0, 700}) {
      RejectedRecord rejected = rejection(size);
      ByteBuffer avrosBytes = avroEncoder.encode(rejected);

      byte[] ours = rejections.encode(rejected);

      assertThat(ByteBuffer.wrap(ours)).as("size %d", size).isEqualTo(avrosBytes);
      assertThat(avroDecoder.decode(ours)).isEqualTo(rejected);
      assertThat(rejections.decode(ours)).isEqualTo(rejected);
    }
  }

  @Test
  void shouldNameTheTypeAndWriterOfATruncatedRecord() {
    byte[] bytes = codec.encode(transaction());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);

    assertThatThrownBy(() -> codec.decode(truncated))
        .isInstanceOf(AvroDecodingException.class)
        .hasMessageContaining("Transaction written with the schema of fingerprint "
            + String.format("%016x", SchemaCatalog.fingerprint(Transaction.getClassSchema())))
        .hasMessageContaining("could not be decoded");
  }

  @Test
  void shouldEncodeAndDecodeOnSeveralThreadsAtOnce() throws Exception {
    AvroCodec<RejectedRecord> rejections = AvroCodec.of(RejectedRecord.class);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        int first = thread * 1_000;
        results.add(threads.submit(() -> {
          int same = 0;
          for (int size = first; size < first + 1_000; size++) {
            RejectedRecord rejected = rejection(size);
            same += rejections.decode(rejections.encode(rejected)).equals(rejected) ? 1 : 0;
          }
          return same;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(1_000);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static RejectedRecord rejection(int size) {
    byte[] original = new byte[size];
    Arrays.fill(original, (byte) ('a' + size % 26));
    return RejectedRecord.newBuilder().setReason(RejectReason.NOT_JSON).setDetail("detail " + size)
        .setOriginalBytes(ByteBuffer.wrap(original)).setSourceTopic("transactions-raw").setSourcePartition(size % 3)
        .setSourceOffset(size).setRejectedAt(T0.plusMillis(size)).build();
  }

  private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
    byte[] bytes = new byte[written.remaining()];
    written.get(bytes);
    return bytes;
  }

  private static Schema historicalSchema(String file) throws IOException {
    try (InputStream in = AvroCodecTest.class.getResourceAsStream("/io/argus/schemas/history/" + file)) {
      return new Schema.Parser().parse(in);
    }
  }
}
