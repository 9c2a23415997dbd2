package io.argus.ingestion.validation;

import static io.argus.ingestion.validation.TransactionJson.AMOUNT;
import static io.argus.ingestion.validation.TransactionJson.CARD_NUMBER;
import static io.argus.ingestion.validation.TransactionJson.CHANNEL;
import static io.argus.ingestion.validation.TransactionJson.CURRENCY;
import static io.argus.ingestion.validation.TransactionJson.CUSTOMER_ID;
import static io.argus.ingestion.validation.TransactionJson.EVENT_TIME;
import static io.argus.ingestion.validation.TransactionJson.LATITUDE;
import static io.argus.ingestion.validation.TransactionJson.LONGITUDE;
import static io.argus.ingestion.validation.TransactionJson.MERCHANT_CATEGORY;
import static io.argus.ingestion.validation.TransactionJson.TERMINAL_ID;
import static io.argus.ingestion.validation.TransactionJson.TRANSACTION_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.avro.Channel;
import io.argus.avro.GeoLocation;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.ingestion.tokenize.CardNumberMasking;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.schemas.RejectedRecords;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.Optional;

/**
 * The one validation of a raw transaction against the public JSON contract, used by the validator topology, the
 * simulator and file ingest: JSON bytes (or an already built tree) and where they came from in, a
 * {@link ValidationResult} out. Accepted: a {@link Transaction} with the card tokenized, the amount exact in the
 * currency's minor units (ISO 4217 digits: 2 for EUR, 0 for JPY, 3 for BHD) and {@code ingestTime} from the clock.
 * Rejected: a {@link RejectedRecord} with a specific reason, a detail naming the field and what was expected, and the
 * original bytes with card numbers masked. Thread-safe.
 *
 * <p>One check depends on the clock: an event time ahead of it by more than the allowed skew
 * ({@code FUTURE_EVENT_TIME}). {@link #withoutClockCheck()} gives the validation without it, whose outcome depends
 * only on the record and the configuration (the same however often and whenever it runs); {@link #aheadOfClock}
 * then makes that check on its own.
 */
public final class TransactionValidator {

  /** How Argus reads JSON: duplicate keys and trailing content are errors, decimals stay exact. */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private static final int MAX_DETAIL_LENGTH = 400;

  private final CardTokenizer tokenizer;
  private final ValidationLimits limits;
  private final Clock clock;
  private final boolean checksClock;

  public TransactionValidator(CardTokenizer tokenizer, ValidationLimits limits, Clock clock) {
    this(tokenizer, limits, clock, true);
  }

  private TransactionValidator(CardTokenizer tokenizer, ValidationLimits limits, Clock clock, boolean checksClock) {
    this.tokenizer = tokenizer;
    this.limits = limits;
    this.clock = clock;
    this.checksClock = checksClock;
  }

  /**
   * This validation without the check of the event time against the clock: what it accepts and rejects depends on
   * the record and the configuration only (the clock still sets {@code ingestTime} and {@code rejectedAt}). The
   * validator's at-least-once first stage runs it, so that a record it processes again after a crash gets the same
   * outcome, and goes to the same partition, as the first time.
   */
  public TransactionValidator withoutClockCheck() {
    return new TransactionValidator(tokenizer, limits, clock, false);
  }

  /**
   * The check {@link #withoutClockCheck()} leaves out, on an accepted transaction: its rejection as
   * {@code FUTURE_EVENT_TIME} when its event time is later than the clock plus the allowed skew, empty otherwise.
   *
   * @param originalBytes what the rejection keeps (masked here)
   */
  public Optional<RejectedRecord> aheadOfClock(Transaction transaction, byte[] originalBytes, SourcePosition source) {
    try {
      FieldRules.requireNotAhead(transaction.getEventTime(), limits, clock.instant());
      return Optional.empty();
    } catch (FieldRejection rejection) {
      return Optional.of(reject(rejection.reason(), rejection.getMessage(), originalBytes, source));
    }
  }

  public ValidationLimits limits() {
    return limits;
  }

  /** Validates one raw record: size, JSON, then every field of the contract. */
  public ValidationResult validate(byte[] json, SourcePosition source) {
    if (json == null || json.length == 0) {
      return ValidationResult.rejected(reject(RejectReason.NOT_JSON, "record: empty value", new byte[0], source));
    }
    if (json.length > limits.maxRecordBytes()) {
      return ValidationResult.rejected(reject(RejectReason.RECORD_TOO_LARGE, String.format(
          "record: %,d bytes, above the limit of %,d; the bytes kept here are its first %,d", json.length,
          limits.maxRecordBytes(), limits.maxRecordBytes()), Arrays.copyOf(json, limits.maxRecordBytes()), source));
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return ValidationResult.rejected(reject(RejectReason.NOT_JSON, "record: not JSON (" + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr()) + ")", json, source));
    } catch (IOException e) {
      throw new IllegalStateException("reading JSON from memory failed", e);
    }
    if (tree == null || tree.isMissingNode()) {
      return ValidationResult.rejected(reject(RejectReason.NOT_JSON, "record: no JSON value, only blanks", json,
          source));
    }
    if (!tree.isObject()) {
      return ValidationResult.rejected(reject(RejectReason.WRONG_FIELD_TYPE, "record: expected one JSON object, got "
          + FieldRules.typeName(tree), json, source));
    }
    return validate((ObjectNode) tree, json, source);
  }

  /**
   * Validates a record already parsed, or built by an Argus producer; {@code originalBytes} are what a rejection
   * keeps (masked).
   */
  public ValidationResult validate(ObjectNode record, byte[] originalBytes, SourcePosition source) {
    try {
      return ValidationResult.accepted(transaction(record));
    } catch (FieldRejection rejection) {
      return ValidationResult.rejected(reject(rejection.reason(), rejection.getMessage(), originalBytes, source));
    }
  }

  /**
   * A rejection of {@code originalBytes} for a reason found outside this class (a duplicate, a bad label column);
   * the bytes and the detail are masked here.
   */
  public RejectedRecord reject(RejectReason reason, String detail, byte[] originalBytes, SourcePosition source) {
    String safeDetail = CardNumberMasking.mask(detail);
    if (safeDetail.length() > MAX_DETAIL_LENGTH) {
      safeDetail = safeDetail.substring(0, MAX_DETAIL_LENGTH) + "...";
    }
    return RejectedRecords.of(source.topic(), source.partition(), source.offset(),
        CardNumberMasking.mask(originalBytes), reason, safeDetail, clock);
  }

  private Transaction transaction(ObjectNode record) {
    FieldRules.requirePresent(record);
    String transactionId = FieldRules.identifier(record, TRANSACTION_ID);
    String cardNumber = FieldRules.cardNumber(record.get(CARD_NUMBER));
    String customerId = FieldRules.identifier(record, CUSTOMER_ID);
    String terminalId = FieldRules.identifier(record, TERMINAL_ID);
    Instant eventTime = FieldRules.eventTime(record.get(EVENT_TIME), limits, checksClock ? clock.instant() : null);
    Currency currency = FieldRules.currency(record.get(CURRENCY));
    long amountMinor = FieldRules.amountMinor(record.get(AMOUNT), currency, limits);
    String merchantCategory = FieldRules.merchantCategory(record.get(MERCHANT_CATEGORY));
    Channel channel = FieldRules.channel(record.get(CHANNEL));
    GeoLocation location = FieldRules.location(record.get(LATITUDE), record.get(LONGITUDE));
    return Transaction.newBuilder()
        .setTransactionId(transactionId)
        .setEventTime(eventTime)
        .setCardToken(tokenizer.token(cardNumber))
        .setCustomerId(customerId)
        .setTerminalId(terminalId)
        .setAmountMinor(amountMinor)
        .setCurrency(currency.getCurrencyCode())
        .setMerchantCategory(merchantCategory)
        .setChannel(channel)
        .setLocation(location)
        .setIngestTime(clock.instant())
        .build();
  }
}
