package io.argus.ingestion.streams;

import io.argus.avro.CheckedRecord;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.ingestion.validation.SourcePosition;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The checks of the second stage, decided once per raw record: a rejection of the first stage passes on; a
 * transaction whose event time is ahead of this stage's clock is rejected as {@code FUTURE_EVENT_TIME} (the one check
 * that depends on the clock, so the first stage leaves it here); one whose id was already accepted from another raw
 * record less than the duplicate window earlier is rejected as {@code DUPLICATE}, so that every raw record ends in one
 * of the two outputs. Copies of one transaction share a card and so a task. The window is on arrival time (the raw
 * record's Kafka timestamp), not on event time: the store's retention follows the time it has seen, and event times
 * from partitions processed at different speeds (a backlog, a replay of old data) would expire ids early. The store
 * keeps, per id, a fingerprint of the content, so the detail says whether the copy is exact or conflicting, and the
 * raw record it was accepted from: this stage runs at least once, and the same raw record read again after its crash
 * (its store ahead of its committed input) is accepted again, a copy, not a duplicate. Outputs carry the raw record's
 * arrival time as their timestamp.
 */
final class FinalChecks implements Processor<String, CheckedRecord, String, ValidationResult> {

  private final TransactionValidator validator;
  private final Duration window;
  private ProcessorContext<String, ValidationResult> context;
  private WindowStore<String, String> seen;

  FinalChecks(TransactionValidator validator, Duration window) {
    this.validator = validator;
    this.window = window;
  }

  @Override
  public void init(ProcessorContext<String, ValidationResult> context) {
    this.context = context;
    this.seen = context.getStateStore(ValidatorTopology.TRANSACTION_IDS_STORE);
  }

  @Override
  public void process(Record<String, CheckedRecord> record) {
    CheckedRecord checked = record.value();
    Instant arrival = checked.getArrivedAt();
    if (checked.getRejection() != null) {
      reject(checked.getRejection(), arrival);
      return;
    }
    Transaction transaction = checked.getTransaction();
    SourcePosition source = new SourcePosition(checked.getSourceTopic(), checked.getSourcePartition(),
        checked.getSourceOffset());
    Optional<RejectedRecord> ahead = validator.aheadOfClock(transaction, bytes(checked.getMaskedOriginal()), source);
    if (ahead.isPresent()) {
      reject(ahead.get(), arrival);
      return;
    }
    String id = transaction.getTransactionId();
    int fingerprint = contentFingerprint(transaction);
    String rawRecord = ReplayFilter.rawPartition(source.topic(), source.partition()) + "@" + source.offset();
    // the fetch by epoch millis: the one by Instant formats its argument-check message for every call (Kafka 4.4)
    try (WindowStoreIterator<String> earlier = seen.fetch(id, arrival.minus(window).toEpochMilli(),
        arrival.plus(window).toEpochMilli())) {
      if (earlier.hasNext()) {
        KeyValue<Long, String> first = earlier.next();
        if (!first.value.startsWith(rawRecord + " ")) {
          boolean sameContent = first.value.endsWith(" " + fingerprint);
          String detail = "transaction_id: '" + id + "' was already accepted from a record that arrived at "
              + Instant.ofEpochMilli(first.key) + ", within the duplicate window of " + window + " ("
              + (sameContent ? "same content" : "different content") + ")";
          reject(validator.reject(RejectReason.DUPLICATE, detail, bytes(checked.getMaskedOriginal()), source),
              arrival);
          return;
        }
      } else {
        seen.put(id, rawRecord + " " + fingerprint, arrival.toEpochMilli());
      }
    }
    context.forward(new Record<>(record.key(), ValidationResult.accepted(transaction), arrival.toEpochMilli(),
        new RecordHeaders()));
  }

  private void reject(RejectedRecord rejection, Instant arrival) {
    context.forward(new Record<>(rejection.getSourceTopic(), ValidationResult.rejected(rejection),
        arrival.toEpochMilli(), new RecordHeaders()));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }

  /** The same in every JVM (the channel by name: an enum's own hash code is not), so it survives a restart. */
  private static int contentFingerprint(Transaction transaction) {
    return Objects.hash(transaction.getEventTime(), transaction.getCardToken(), transaction.getCustomerId(),
        transaction.getTerminalId(), transaction.getAmountMinor(), transaction.getCurrency(),
        transaction.getMerchantCategory(), transaction.getChannel().name(), transaction.getLocation());
  }
}
