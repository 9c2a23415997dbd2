package io.argus.features.job;

import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.AvroRecordTypeInfo;
import io.argus.schemas.RejectedRecords;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The job's gate right after a source: records the source could not decode, events behind the watermark by more
 * than the allowed lateness ({@code LATE_EVENT}) and records that do not convert go to the {@link #REJECTED} side
 * output as {@link RejectedRecord}s with their Avro bytes; the rest continue, converted for the keyed stages
 * (a conversion may also drop a record it has no use for by returning {@code null}). Given a conversion for
 * too-late records, a too-late record is both: converted with it and passed on (to be served online, never stored),
 * and dead-lettered as {@code LATE_EVENT} for the offline store it will not reach.
 */
public final class Admission<T extends SpecificRecord, R> extends ProcessFunction<Either<RejectedRecord, T>, R> {

  private static final long serialVersionUID = 1L;

  /** Where rejected records go; the job sends them to the dead-letter sink. */
  public static final OutputTag<RejectedRecord> REJECTED =
      new OutputTag<>("rejected", AvroRecordTypeInfo.forRecord(RejectedRecord.class));

  /** Turns an admitted record into what the keyed stages use; {@code null} drops it. */
  @FunctionalInterface
  public interface Conversion<T, R> extends Serializable {
    /**
     * @throws IllegalArgumentException when the record holds a value the features cannot use
     */
    R convert(T record);
  }

  private final String sourceName;
  private final Class<T> type;
  private final Duration allowedLateness;
  private final Conversion<T, R> conversion;
  private final Conversion<T, R> tooLateConversion;
  private transient AvroCodec<T> codec;

  /** A gate that dead-letters too-late records only. */
  public Admission(String sourceName, Class<T> type, Duration allowedLateness, Conversion<T, R> conversion) {
    this(sourceName, type, allowedLateness, conversion, null);
  }

  /**
   * @param sourceName the topic (or file) the records come from, copied into every rejection
   * @param tooLateConversion converts a too-late record to pass it on as well; {@code null} only dead-letters it
   */
  public Admission(String sourceName, Class<T> type, Duration allowedLateness, Conversion<T, R> conversion,
      Conversion<T, R> tooLateConversion) {
    this.sourceName = sourceName;
    this.type = type;
    this.allowedLateness = allowedLateness;
    this.conversion = conversion;
    this.tooLateConversion = tooLateConversion;
  }

  @Override
  public void processElement(Either<RejectedRecord, T> value, Context context, Collector<R> out) {
    if (value.isLeft()) {
      context.output(REJECTED, value.left());
      return;
    }
    T record = value.right();
    long watermark = context.timerService().currentWatermark();
    Long timestamp = context.timestamp();
    boolean tooLate = timestamp != null && watermark != Long.MIN_VALUE
        && timestamp + allowedLateness.toMillis() < watermark;
    if (tooLate && tooLateConversion == null) {
      context.output(REJECTED, reject(record, RejectReason.LATE_EVENT, lateness(timestamp, watermark)));
      return;
    }
    R converted;
    try {
      converted = tooLate ? tooLateConversion.convert(record) : conversion.convert(record);
    } catch (IllegalArgumentException e) {
      context.output(REJECTED, reject(record, RejectReason.INVALID_FIELD, e.getMessage()));
      return;
    }
    if (tooLate) {
      context.output(REJECTED, reject(record, RejectReason.LATE_EVENT, lateness(timestamp, watermark)
          + "; served online from the state as of its time, not in the offline store"));
    }
    if (converted != null) {
      out.collect(converted);
    }
  }

  private String lateness(long timestamp, long watermark) {
    return "event time " + Instant.ofEpochMilli(timestamp) + " is " + Duration.ofMillis(watermark - timestamp)
        + " behind the watermark " + Instant.ofEpochMilli(watermark) + ", more than the allowed lateness "
        + allowedLateness;
  }

  private RejectedRecord reject(T record, RejectReason reason, String detail) {
    if (codec == null) {
      codec = AvroCodec.of(type);
    }
    return RejectedRecords.inJob(sourceName, codec.encode(record), reason, detail, Clock.systemUTC());
  }
}
