package io.argus.schemas;

import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.InstantSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The one way to build a {@link RejectedRecord} for {@code transactions-dlq}: from a Kafka record (its value and
 * coordinates), from a position given explicitly (a Kafka Streams record, a line of a file), or from a record inside
 * a job that has no Kafka position any more (partition and offset {@value #NO_POSITION}). The original bytes are kept
 * as given (an absent value becomes empty bytes; masking card numbers is the caller's); the rejection time is the
 * given clock's (any {@link InstantSource}), to the millisecond (the field's precision on the wire).
 */
public final class RejectedRecords {

  /** The partition and offset of a rejection that has no Kafka position. */
  public static final int NO_POSITION = -1;

  private RejectedRecords() {
  }

  /** A rejection of a record consumed from Kafka: its value and its topic, partition and offset. */
  public static RejectedRecord of(ConsumerRecord<?, byte[]> record, RejectReason reason, String detail,
      InstantSource clock) {
    return of(record.topic(), record.partition(), record.offset(), record.value(), reason, detail, clock);
  }

  /** A rejection of {@code originalBytes} ({@code null}: empty) read at the given position. */
  public static RejectedRecord of(String sourceTopic, int sourcePartition, long sourceOffset, byte[] originalBytes,
      RejectReason reason, String detail, InstantSource clock) {
    return RejectedRecord.newBuilder()
        .setReason(reason)
        .setDetail(detail)
        .setOriginalBytes(ByteBuffer.wrap(originalBytes == null ? new byte[0] : originalBytes))
        .setSourceTopic(sourceTopic)
        .setSourcePartition(sourcePartition)
        .setSourceOffset(sourceOffset)
        .setRejectedAt(Instant.ofEpochMilli(clock.millis()))
        .build();
  }

  /**
   * A rejection of a record inside a job (after decoding, so without a Kafka position), with its encoded bytes and
   * the name of the source it came from (a topic or a file name).
   */
  public static RejectedRecord inJob(String sourceName, byte[] encodedBytes, RejectReason reason, String detail,
      InstantSource clock) {
    return of(sourceName, NO_POSITION, NO_POSITION, encodedBytes, reason, detail, clock);
  }
}
