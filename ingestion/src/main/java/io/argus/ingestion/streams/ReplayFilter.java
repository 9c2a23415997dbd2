package io.argus.ingestion.streams;

import io.argus.avro.CheckedRecord;
import io.argus.ingestion.validation.ValidationCounters;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops what the first stage wrote again after a crash: a record whose raw offset is at or below the highest already
 * seen from its raw partition in this task. The first stage sends a raw partition's records in offset order, so a
 * task sees each raw partition's offsets rise; its replay starts again from its last commit, below offsets already
 * passed here. The highest offset per raw partition is kept in a changelogged store that commits with this stage's
 * outputs (exactly once), so it is exact across crashes and rebalances. The argument is in the ingestion README.
 */
final class ReplayFilter implements Processor<String, CheckedRecord, String, CheckedRecord> {

  private final ValidationCounters counters;
  private ProcessorContext<String, CheckedRecord> context;
  private KeyValueStore<String, Long> highestOffsets;

  ReplayFilter(ValidationCounters counters) {
    this.counters = counters;
  }

  @Override
  public void init(ProcessorContext<String, CheckedRecord> context) {
    this.context = context;
    this.highestOffsets = context.getStateStore(ValidatorTopology.RAW_OFFSETS_STORE);
  }

  @Override
  public void process(Record<String, CheckedRecord> record) {
    CheckedRecord checked = record.value();
    String rawPartition = rawPartition(checked.getSourceTopic(), checked.getSourcePartition());
    Long highest = highestOffsets.get(rawPartition);
    if (highest != null && checked.getSourceOffset() <= highest) {
      counters.replayed();
      return;
    }
    highestOffsets.put(rawPartition, checked.getSourceOffset());
    context.forward(record);
  }

  /** The store's key of a raw partition: Kafka topic names never hold a colon. */
  static String rawPartition(String topic, int partition) {
    return topic + ":" + partition;
  }
}
