package io.argus.ingestion.streams;

import io.argus.avro.CheckedRecord;
import io.argus.ingestion.validation.ValidationCounters;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops what the first stage wrote again after a crash: a record whose raw offset is at or below the highest already
 * accepted from its raw partition in this task, at an earlier offset of {@code transactions-checked}. The first stage
 * sends a raw partition's records in offset order, so a task sees each raw partition's offsets rise; its replay starts
 * again from its last commit, below offsets already passed here.
 *
 * <p>The store keeps, per raw partition, the highest raw offset accepted and the checked offset it was read at. This
 * stage runs at least once, so after its own crash it reads again records its store has already passed (the store's
 * changelog may be ahead of the committed input offsets). Such a record, read again at or below the checked offset the
 * store holds, passes again: its first outputs may not have reached the broker, and a copy is safe where a loss is not
 * (readers of {@code transactions} drop copies by transaction id). The argument is in the ingestion README.
 */
final class ReplayFilter implements Processor<String, CheckedRecord, String, CheckedRecord> {

  /** The store's values: the highest raw offset accepted, then the checked offset it was read at. */
  static final Serde<long[]> HIGHEST = Serdes.serdeFrom(
      (topic, value) -> value == null ? null : ByteBuffer.allocate(16).putLong(value[0]).putLong(value[1]).array(),
      (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new long[] {buffer.getLong(), buffer.getLong()};
      });

  private final ValidationCounters counters;
  private ProcessorContext<String, CheckedRecord> context;
  private KeyValueStore<String, long[]> highest;

  ReplayFilter(ValidationCounters counters) {
    this.counters = counters;
  }

  @Override
  public void init(ProcessorContext<String, CheckedRecord> context) {
    this.context = context;
    this.highest = context.getStateStore(ValidatorTopology.RAW_OFFSETS_STORE);
  }

  @Override
  public void process(Record<String, CheckedRecord> record) {
    CheckedRecord checked = record.value();
    long checkedOffset = context.recordMetadata().orElseThrow().offset();
    String rawPartition = rawPartition(checked.getSourceTopic(), checked.getSourcePartition());
    long[] accepted = highest.get(rawPartition);
    if (accepted == null || checked.getSourceOffset() > accepted[0]) {
      highest.put(rawPartition, new long[] {checked.getSourceOffset(), checkedOffset});
    } else if (checkedOffset > accepted[1]) {
      counters.replayed();
      return;
    }
    context.forward(record);
  }

  /** The store's key of a raw partition: Kafka topic names never hold a colon. */
  static String rawPartition(String topic, int partition) {
    return topic + ":" + partition;
  }
}
