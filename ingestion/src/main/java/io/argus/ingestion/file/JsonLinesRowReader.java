package io.argus.ingestion.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.avro.RejectReason;
import io.argus.ingestion.FraudLabels;
import io.argus.ingestion.validation.SourcePosition;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationResult;
import java.io.IOException;
import java.time.Duration;

/**
 * Lines of a JSON-lines file, each one object of the public contract, validated exactly as on
 * {@code transactions-raw}. Two optional fields give a label: {@code fraud} (true/false or 1/0) and
 * {@code fraud_scenario} (a whole number); the validation itself ignores them.
 */
final class JsonLinesRowReader implements RowReader {

  static final String FRAUD = "fraud";
  static final String FRAUD_SCENARIO = "fraud_scenario";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TransactionValidator validator;
  private final Duration labelDelay;

  JsonLinesRowReader(TransactionValidator validator, Duration labelDelay) {
    this.validator = validator;
    this.labelDelay = labelDelay;
  }

  @Override
  public FileRecord read(LineReader.Line line, SourcePosition position) {
    if (line.isCut()) {
      return new FileRecord(null, validator.reject(RejectReason.RECORD_TOO_LARGE, String.format(
          "record: %,d bytes, above the limit of %,d; the bytes kept here are its first %,d", line.length(),
          validator.limits().maxRecordBytes(), line.bytes().length), line.bytes(), position), null);
    }
    ValidationResult result = validator.validate(line.bytes(), position);
    if (!result.isAccepted()) {
      return new FileRecord(null, result.rejection(), null);
    }
    JsonNode record;
    try {
      record = JSON.readTree(line.bytes());
    } catch (IOException e) {
      throw new IllegalStateException("a line the validation accepted as JSON does not parse again", e);
    }
    JsonNode fraud = record.get(FRAUD);
    if (fraud == null || fraud.isNull()) {
      return new FileRecord(result.transaction(), null, null);
    }
    boolean fraudIsNumber = fraud.isInt() && (fraud.intValue() == 0 || fraud.intValue() == 1);
    if (!fraud.isBoolean() && !fraudIsNumber) {
      return rejected(FRAUD + ": expected true, false, 1 or 0, got " + fraud, line, position);
    }
    JsonNode scenario = record.get(FRAUD_SCENARIO);
    boolean hasScenario = scenario != null && !scenario.isNull();
    if (hasScenario && !scenario.isInt()) {
      return rejected(FRAUD_SCENARIO + ": expected a whole number, got " + scenario, line, position);
    }
    boolean isFraud = fraudIsNumber ? fraud.intValue() == 1 : fraud.booleanValue();
    return new FileRecord(result.transaction(), null,
        FraudLabels.of(result.transaction(), isFraud, hasScenario ? scenario.intValue() : 0, labelDelay));
  }

  private FileRecord rejected(String detail, LineReader.Line line, SourcePosition position) {
    return new FileRecord(null, validator.reject(RejectReason.INVALID_FIELD, detail, line.bytes(), position), null);
  }
}
