package io.argus.ingestion.streams;

import io.argus.avro.CheckedRecord;
import io.argus.ingestion.tokenize.CardNumberMasking;
import io.argus.ingestion.validation.SourcePosition;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationResult;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first stage's work on each raw record: the validation without its clock check, then a {@link CheckedRecord}
 * with the raw record's position and arrival time, keyed by the card token when accepted (copies of one transaction
 * share a card, so they meet in one partition of the second stage) and by the source topic when rejected. Every
 * part of the output, its key included, depends on the raw record and the configuration only, so a record processed
 * again after a crash goes where its first copy went. The producer's own headers are dropped: they are not checked.
 */
final class CheckProcessor implements Processor<String, byte[], String, CheckedRecord> {

  private final TransactionValidator validator;
  private ProcessorContext<String, CheckedRecord> context;

  /** @param validator the full validation: its clock check is left to the second stage */
  CheckProcessor(TransactionValidator validator) {
    this.validator = validator.withoutClockCheck();
  }

  @Override
  public void init(ProcessorContext<String, CheckedRecord> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata metadata = context.recordMetadata().orElseThrow(
        () -> new IllegalStateException("a raw record without source metadata: " + record.key()));
    SourcePosition source = new SourcePosition(metadata.topic(), metadata.partition(), metadata.offset());
    ValidationResult result = validator.validate(record.value(), source);
    CheckedRecord.Builder checked = CheckedRecord.newBuilder()
        .setSourceTopic(source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(source.offset())
        .setArrivedAt(Instant.ofEpochMilli(record.timestamp()));
    String key;
    if (result.isAccepted()) {
      checked.setTransaction(result.transaction())
          .setMaskedOriginal(ByteBuffer.wrap(CardNumberMasking.mask(record.value())));
      key = result.transaction().getCardToken();
    } else {
      checked.setRejection(result.rejection());
      key = source.topic();
    }
    context.forward(new Record<>(key, checked.build(), record.timestamp(), new RecordHeaders()));
  }
}
