package io.argus.ingestion.streams;

import io.argus.ingestion.tokenize.CardNumberMasking;
import io.argus.ingestion.validation.SourcePosition;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationResult;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Validates each raw record. An accepted one is keyed by its card token and carries its source in headers; a
 * rejected one is keyed by its source topic. The producer's own headers are dropped: they are not checked.
 */
final class ValidateProcessor implements Processor<String, byte[], String, ValidationResult> {

  private final TransactionValidator validator;
  private ProcessorContext<String, ValidationResult> context;

  ValidateProcessor(TransactionValidator validator) {
    this.validator = validator;
  }

  @Override
  public void init(ProcessorContext<String, ValidationResult> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata metadata = context.recordMetadata().orElseThrow(
        () -> new IllegalStateException("a raw record without source metadata: " + record.key()));
    SourcePosition source = new SourcePosition(metadata.topic(), metadata.partition(), metadata.offset());
    ValidationResult result = validator.validate(record.value(), source);
    if (result.isAccepted()) {
      context.forward(new Record<>(result.transaction().getCardToken(), result, record.timestamp(),
          SourceHeaders.of(source, CardNumberMasking.mask(record.value()))));
    } else {
      context.forward(new Record<>(source.topic(), result, record.timestamp(), new RecordHeaders()));
    }
  }
}
