package io.argus.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RejectedRecordsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  private static final byte[] BYTES = "{\"amount\": -1}".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldKeepAKafkaRecordsValueAndCoordinates() {
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("model-releases", 2, 41L, "lstm", BYTES);

    RejectedRecord rejected = RejectedRecords.of(record, RejectReason.UNDECODABLE, "unknown fingerprint", CLOCK);

    assertThat(rejected.getReason()).isEqualTo(RejectReason.UNDECODABLE);
    assertThat(rejected.getDetail()).isEqualTo("unknown fingerprint");
    assertThat(rejected.getOriginalBytes()).isEqualTo(ByteBuffer.wrap(BYTES));
    assertThat(rejected.getSourceTopic()).isEqualTo("model-releases");
    assertThat(rejected.getSourcePartition()).isEqualTo(2);
    assertThat(rejected.getSourceOffset()).isEqualTo(41L);
    assertThat(rejected.getRejectedAt()).isEqualTo(T0);
  }

  @Test
  void shouldKeepEmptyBytesForARecordWithoutValue() {
    ConsumerRecord<String, byte[]> tombstone = new ConsumerRecord<>("features", 0, 7L, "card", null);

    RejectedRecord rejected = RejectedRecords.of(tombstone, RejectReason.UNDECODABLE, "no value", CLOCK);

    assertThat(rejected.getOriginalBytes().remaining()).isZero();
  }

  @Test
  void shouldMarkARecordInsideAJobAsHavingNoKafkaPosition() {
    RejectedRecord rejected = RejectedRecords.inJob("transactions", BYTES, RejectReason.LATE_EVENT, "late", CLOCK);

    assertThat(rejected.getSourceTopic()).isEqualTo("transactions");
    assertThat(rejected.getSourcePartition()).isEqualTo(RejectedRecords.NO_POSITION);
    assertThat(rejected.getSourceOffset()).isEqualTo(RejectedRecords.NO_POSITION);
    assertThat(rejected.getOriginalBytes()).isEqualTo(ByteBuffer.wrap(BYTES));
  }

  @Test
  void shouldStampTheRejectionToTheMillisecondSoThatItSurvivesEncoding() {
    Clock clock = Clock.fixed(T0.plusNanos(1_234_567), ZoneOffset.UTC);

    RejectedRecord rejected = RejectedRecords.of("transactions-raw", 0, 3L, BYTES, RejectReason.NOT_JSON, "x", clock);

    assertThat(rejected.getRejectedAt()).isEqualTo(T0.plusMillis(1));
    AvroCodec<RejectedRecord> codec = AvroCodec.of(RejectedRecord.class);
    assertThat(codec.decode(codec.encode(rejected))).isEqualTo(rejected);
  }
}
