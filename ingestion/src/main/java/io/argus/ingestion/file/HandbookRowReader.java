package io.argus.ingestion.file;

import static io.argus.ingestion.handbook.HandbookCsv.CUSTOMER_ID;
import static io.argus.ingestion.handbook.HandbookCsv.TERMINAL_ID;
import static io.argus.ingestion.handbook.HandbookCsv.TRANSACTION_ID;
import static io.argus.ingestion.handbook.HandbookCsv.TX_AMOUNT;
import static io.argus.ingestion.handbook.HandbookCsv.TX_DATETIME;
import static io.argus.ingestion.handbook.HandbookCsv.TX_FRAUD;
import static io.argus.ingestion.handbook.HandbookCsv.TX_FRAUD_SCENARIO;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.avro.RejectReason;
import io.argus.ingestion.FraudLabels;
import io.argus.ingestion.handbook.CustomerCards;
import io.argus.ingestion.handbook.HandbookCsv;
import io.argus.ingestion.validation.SourcePosition;
import io.argus.ingestion.validation.TransactionJson;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Rows of a handbook CSV (comma-separated, no quoting, a header naming the columns in any order). Each row becomes
 * the public JSON contract — the customer's derived card, amount in EUR, the contract's defaults for merchant
 * category (0000, unknown) and channel (card present) — and goes through the one validation; TX_FRAUD and
 * TX_FRAUD_SCENARIO, when present, give the label.
 */
final class HandbookRowReader implements RowReader {

  private final TransactionValidator validator;
  private final Duration labelDelay;
  private final int columnCount;
  private final int transactionId;
  private final int dateTime;
  private final int customerId;
  private final int terminalId;
  private final int amount;
  private final int fraud;
  private final int scenario;

  HandbookRowReader(List<String> header, String fileName, TransactionValidator validator, Duration labelDelay) {
    for (String column : HandbookCsv.REQUIRED) {
      if (!header.contains(column)) {
        throw new FileFormatException(fileName + ": the header has no column " + column + "; a transaction CSV needs "
            + String.join(",", HandbookCsv.REQUIRED) + " (and TX_FRAUD, TX_FRAUD_SCENARIO for labels), got "
            + String.join(",", header));
      }
    }
    this.validator = validator;
    this.labelDelay = labelDelay;
    this.columnCount = header.size();
    this.transactionId = header.indexOf(TRANSACTION_ID);
    this.dateTime = header.indexOf(TX_DATETIME);
    this.customerId = header.indexOf(CUSTOMER_ID);
    this.terminalId = header.indexOf(TERMINAL_ID);
    this.amount = header.indexOf(TX_AMOUNT);
    this.fraud = header.indexOf(TX_FRAUD);
    this.scenario = header.indexOf(TX_FRAUD_SCENARIO);
  }

  @Override
  public FileRecord read(LineReader.Line line, SourcePosition position) {
    String[] values = new String(line.bytes(), StandardCharsets.UTF_8).split(",", -1);
    if (values.length != columnCount) {
      return rejected(RejectReason.MISSING_FIELD, "row: expected " + columnCount + " comma-separated columns as in "
          + "the header, got " + values.length, line, position);
    }
    ObjectNode record = JsonNodeFactory.instance.objectNode()
        .put(TransactionJson.TRANSACTION_ID, values[transactionId])
        .put(TransactionJson.EVENT_TIME, isoTime(values[dateTime]))
        .put(TransactionJson.CARD_NUMBER, CustomerCards.cardNumber(values[customerId]))
        .put(TransactionJson.CUSTOMER_ID, values[customerId])
        .put(TransactionJson.TERMINAL_ID, values[terminalId])
        .put(TransactionJson.AMOUNT, values[amount])
        .put(TransactionJson.CURRENCY, HandbookCsv.CURRENCY);
    ValidationResult result = validator.validate(record, line.bytes(), position);
    if (!result.isAccepted()) {
      return new FileRecord(null, result.rejection(), null);
    }
    if (fraud < 0) {
      return new FileRecord(result.transaction(), null, null);
    }
    String fraudValue = values[fraud];
    if (!fraudValue.equals("0") && !fraudValue.equals("1")) {
      return rejected(RejectReason.INVALID_FIELD, TX_FRAUD + ": expected 0 or 1, got '" + fraudValue + "'", line,
          position);
    }
    int scenarioNumber;
    try {
      scenarioNumber = scenario < 0 ? 0 : Integer.parseInt(values[scenario]);
    } catch (NumberFormatException e) {
      return rejected(RejectReason.INVALID_FIELD, TX_FRAUD_SCENARIO + ": expected a whole number, got '"
          + values[scenario] + "'", line, position);
    }
    return new FileRecord(result.transaction(), null,
        FraudLabels.of(result.transaction(), fraudValue.equals("1"), scenarioNumber, labelDelay));
  }

  /** TX_DATETIME as ISO-8601 UTC; text that does not parse is passed on for the validation to reject. */
  private static String isoTime(String value) {
    try {
      return LocalDateTime.parse(value, HandbookCsv.DATE_TIME).toInstant(ZoneOffset.UTC).toString();
    } catch (DateTimeParseException e) {
      return value;
    }
  }

  private FileRecord rejected(RejectReason reason, String detail, LineReader.Line line, SourcePosition position) {
    return new FileRecord(null, validator.reject(reason, detail, line.bytes(), position), null);
  }
}
