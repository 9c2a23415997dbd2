package io.argus.ingestion.streams;

import io.argus.avro.RejectReason;
import io.argus.avro.Transaction;
import io.argus.ingestion.validation.SourcePosition;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Rejects a transaction whose id was already accepted less than the duplicate window earlier, as {@code DUPLICATE},
 * so that every input still ends in exactly one output. Runs after the repartition by card token: copies of one
 * transaction share a card and so a task. The window is on arrival time (the raw record's Kafka timestamp), not on
 * event time: the store's retention follows the time it has seen, and event times from partitions processed at
 * different speeds (a backlog, a replay of old data) would expire ids early. The store keeps, per id, a fingerprint
 * of the content, so the detail says whether the copy is exact or conflicting.
 */
final class DuplicateFilter implements Processor<String, Transaction, String, ValidationResult> {

  private final TransactionValidator validator;
  private final Duration window;
  private ProcessorContext<String, ValidationResult> context;
  private WindowStore<String, Integer> seen;

  DuplicateFilter(TransactionValidator validator, Duration window) {
    this.validator = validator;
    this.window = window;
  }

  @Override
  public void init(ProcessorContext<String, ValidationResult> context) {
    this.context = context;
    this.seen = context.getStateStore(ValidatorTopology.TRANSACTION_IDS_STORE);
  }

  @Override
  public void process(Record<String, Transaction> record) {
    Transaction transaction = record.value();
    String id = transaction.getTransactionId();
    Instant arrival = Instant.ofEpochMilli(record.timestamp());
    int fingerprint = contentFingerprint(transaction);
    try (WindowStoreIterator<Integer> earlier = seen.fetch(id, arrival.minus(window), arrival.plus(window))) {
      if (earlier.hasNext()) {
        KeyValue<Long, Integer> first = earlier.next();
        SourcePosition source = SourceHeaders.position(record.headers());
        String detail = "transaction_id: '" + id + "' was already accepted from a record that arrived at "
            + Instant.ofEpochMilli(first.key) + ", within the duplicate window of " + window + " ("
            + (first.value == fingerprint ? "same content" : "different content") + ")";
        context.forward(new Record<>(source.topic(), ValidationResult.rejected(validator.reject(
            RejectReason.DUPLICATE, detail, SourceHeaders.maskedOriginal(record.headers()), source)),
            record.timestamp(), new RecordHeaders()));
        return;
      }
    }
    seen.put(id, fingerprint, record.timestamp());
    context.forward(new Record<>(record.key(), ValidationResult.accepted(transaction), record.timestamp(),
        new RecordHeaders()));
  }

  private static int contentFingerprint(Transaction transaction) {
    return Objects.hash(transaction.getEventTime(), transaction.getCardToken(), transaction.getCustomerId(),
        transaction.getTerminalId(), transaction.getAmountMinor(), transaction.getCurrency(),
        transaction.getMerchantCategory(), transaction.getChannel(), transaction.getLocation());
  }
}
