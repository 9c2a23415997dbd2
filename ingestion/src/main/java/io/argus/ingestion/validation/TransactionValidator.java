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
import io.argus.ingestion.tokenize.Luhn;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;

/**
 * The one validation of a raw transaction against the public JSON contract, used by the validator topology, the
 * simulator and file ingest: JSON bytes (or an already built tree) and where they came from in, a
 * {@link ValidationResult} out. Accepted: a {@link Transaction} with the card tokenized, the amount exact in the
 * currency's minor units (ISO 4217 digits: 2 for EUR, 0 for JPY, 3 for BHD) and {@code ingestTime} from the clock.
 * Rejected: a {@link RejectedRecord} with a specific reason, a detail naming the field and what was expected, and the
 * original bytes with card numbers masked. Thread-safe.
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

  static final int MAX_ID_LENGTH = 128;
  static final int MAX_DETAIL_LENGTH = 400;
  private static final int MAX_QUOTED_VALUE = 40;
  private static final int MIN_CARD_DIGITS = 13;
  private static final int MAX_CARD_DIGITS = 19;
  private static final String DEFAULT_MERCHANT_CATEGORY = "0000";

  private final CardTokenizer tokenizer;
  private final ValidationLimits limits;
  private final Clock clock;

  public TransactionValidator(CardTokenizer tokenizer, ValidationLimits limits, Clock clock) {
    this.tokenizer = tokenizer;
    this.limits = limits;
    this.clock = clock;
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
          + typeName(tree), json, source));
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
    } catch (Rejection rejection) {
      return ValidationResult.rejected(reject(rejection.reason, rejection.getMessage(), originalBytes, source));
    }
  }

  /**
   * A rejection of {@code originalBytes} for a reason found outside this class (a duplicate, a bad label column);
   * the bytes and the detail are masked here.
   */
  public RejectedRecord reject(RejectReason reason, String detail, byte[] originalBytes, SourcePosition source) {
    String safeDetail = CardNumberMasking.mask(detail);
    return RejectedRecord.newBuilder()
        .setReason(reason)
        .setDetail(safeDetail.length() > MAX_DETAIL_LENGTH ? safeDetail.substring(0, MAX_DETAIL_LENGTH) + "..."
            : safeDetail)
        .setOriginalBytes(ByteBuffer.wrap(CardNumberMasking.mask(originalBytes)))
        .setSourceTopic(source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(source.offset())
        .setRejectedAt(clock.instant())
        .build();
  }

  private Transaction transaction(ObjectNode record) {
    for (String field : TransactionJson.REQUIRED) {
      JsonNode value = record.get(field);
      if (value == null || value.isNull()) {
        throw new Rejection(RejectReason.MISSING_FIELD, field + ": required, " + (value == null ? "absent" : "null"));
      }
    }
    String transactionId = identifier(record, TRANSACTION_ID);
    String cardNumber = cardNumber(record.get(CARD_NUMBER));
    String customerId = identifier(record, CUSTOMER_ID);
    String terminalId = identifier(record, TERMINAL_ID);
    Instant eventTime = eventTime(record.get(EVENT_TIME));
    Currency currency = currency(record.get(CURRENCY));
    long amountMinor = amountMinor(record.get(AMOUNT), currency);
    String merchantCategory = merchantCategory(record.get(MERCHANT_CATEGORY));
    Channel channel = channel(record.get(CHANNEL));
    GeoLocation location = location(record.get(LATITUDE), record.get(LONGITUDE));
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

  private static String identifier(ObjectNode record, String field) {
    String value = text(record.get(field), field, "a string");
    if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
      throw new Rejection(RejectReason.INVALID_FIELD, field + ": expected 1 to " + MAX_ID_LENGTH
          + " characters, not blank, got " + value.length() + (value.isBlank() ? " blank ones" : ""));
    }
    return value;
  }

  private static String cardNumber(JsonNode value) {
    String number = text(value, CARD_NUMBER, "a string of digits");
    StringBuilder digits = new StringBuilder(MAX_CARD_DIGITS);
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c != ' ' && c != '-') {
        throw new Rejection(RejectReason.INVALID_CARD_NUMBER, CARD_NUMBER
            + ": expected digits (spaces and dashes allowed), found another character at position " + i);
      }
    }
    if (digits.length() < MIN_CARD_DIGITS || digits.length() > MAX_CARD_DIGITS) {
      throw new Rejection(RejectReason.INVALID_CARD_NUMBER, CARD_NUMBER + ": expected " + MIN_CARD_DIGITS + " to "
          + MAX_CARD_DIGITS + " digits, got " + digits.length());
    }
    if (!Luhn.isValid(digits)) {
      throw new Rejection(RejectReason.INVALID_CARD_NUMBER, CARD_NUMBER
          + ": fails the Luhn check (a digit is wrong or missing)");
    }
    return number;
  }

  private Instant eventTime(JsonNode value) {
    Instant eventTime;
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      eventTime = Instant.ofEpochMilli(value.longValue());
    } else if (value.isTextual()) {
      eventTime = parseTime(value.textValue());
    } else if (value.isNumber()) {
      throw new Rejection(RejectReason.INVALID_FIELD, EVENT_TIME + ": expected whole epoch milliseconds, got "
          + value.asText());
    } else {
      throw wrongType(EVENT_TIME, "an ISO-8601 string or epoch milliseconds", value);
    }
    if (eventTime.isBefore(limits.earliestEventTime())) {
      throw new Rejection(RejectReason.INVALID_FIELD, EVENT_TIME + ": " + eventTime + " is before "
          + limits.earliestEventTime() + " (epoch seconds sent as milliseconds?)");
    }
    Instant latest = clock.instant().plus(limits.maxClockSkew());
    if (eventTime.isAfter(latest)) {
      throw new Rejection(RejectReason.FUTURE_EVENT_TIME, EVENT_TIME + ": " + eventTime
          + " is later than the validator's clock plus " + limits.maxClockSkew() + " (" + latest + ")");
    }
    return eventTime;
  }

  private static Instant parseTime(String text) {
    try {
      if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() <= 18) {
        return Instant.ofEpochMilli(Long.parseLong(text));
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new Rejection(RejectReason.INVALID_FIELD, EVENT_TIME
          + ": expected ISO-8601 with an offset (2026-11-25T10:15:30Z) or epoch milliseconds, got " + quote(text));
    }
  }

  private static Currency currency(JsonNode value) {
    String code = text(value, CURRENCY, "an ISO 4217 code");
    Currency currency = null;
    if (code.length() == 3 && code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
      try {
        currency = Currency.getInstance(code);
      } catch (IllegalArgumentException e) {
        currency = null;
      }
    }
    if (currency == null || currency.getDefaultFractionDigits() < 0) {
      throw new Rejection(RejectReason.UNKNOWN_CURRENCY, CURRENCY
          + ": expected an ISO 4217 code of a currency with minor units, like EUR, got " + quote(code));
    }
    return currency;
  }

  private long amountMinor(JsonNode value, Currency currency) {
    BigDecimal amount;
    if (value.isNumber()) {
      amount = value.decimalValue();
    } else if (value.isTextual()) {
      amount = parseAmount(value.textValue());
    } else {
      throw wrongType(AMOUNT, "a decimal string or number", value);
    }
    if (amount.signum() <= 0) {
      throw new Rejection(RejectReason.INVALID_AMOUNT, AMOUNT + ": must be positive, got " + amount.toPlainString());
    }
    if (amount.compareTo(limits.maxAmount()) > 0) {
      throw new Rejection(RejectReason.INVALID_AMOUNT, AMOUNT + ": " + quote(value.asText()) + " "
          + currency.getCurrencyCode() + " is above the limit of " + limits.maxAmount().toPlainString());
    }
    int digits = currency.getDefaultFractionDigits();
    BigDecimal exact = amount.stripTrailingZeros();
    if (exact.scale() > digits) {
      throw new Rejection(RejectReason.INVALID_AMOUNT, AMOUNT + ": " + amount.toPlainString() + " has more than "
          + digits + " decimal places, the minor units of " + currency.getCurrencyCode());
    }
    return exact.movePointRight(digits).longValueExact();
  }

  private static BigDecimal parseAmount(String text) {
    try {
      if (text.length() <= MAX_QUOTED_VALUE) {
        return new BigDecimal(text.strip());
      }
    } catch (NumberFormatException e) {
      // falls through to the rejection below
    }
    throw new Rejection(RejectReason.INVALID_AMOUNT, AMOUNT + ": expected a decimal number like 57.16, got "
        + quote(text));
  }

  private static String merchantCategory(JsonNode value) {
    if (value == null || value.isNull()) {
      return DEFAULT_MERCHANT_CATEGORY;
    }
    String code = text(value, MERCHANT_CATEGORY, "a string of 4 digits");
    if (code.length() != 4 || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new Rejection(RejectReason.INVALID_FIELD, MERCHANT_CATEGORY
          + ": expected an ISO 18245 code of 4 digits like 5411, got " + quote(code));
    }
    return code;
  }

  private static Channel channel(JsonNode value) {
    if (value == null || value.isNull()) {
      return Channel.CARD_PRESENT;
    }
    String channel = text(value, CHANNEL, "a string");
    return switch (channel) {
      case TransactionJson.CARD_PRESENT -> Channel.CARD_PRESENT;
      case TransactionJson.ONLINE -> Channel.ONLINE;
      default -> throw new Rejection(RejectReason.INVALID_FIELD, CHANNEL + ": expected " + TransactionJson.CARD_PRESENT
          + " or " + TransactionJson.ONLINE + ", got " + quote(channel));
    };
  }

  private static GeoLocation location(JsonNode latitude, JsonNode longitude) {
    boolean hasLatitude = latitude != null && !latitude.isNull();
    boolean hasLongitude = longitude != null && !longitude.isNull();
    if (!hasLatitude && !hasLongitude) {
      return null;
    }
    if (hasLatitude != hasLongitude) {
      String missing = hasLatitude ? LONGITUDE : LATITUDE;
      throw new Rejection(RejectReason.MISSING_FIELD, missing + ": required when " + (hasLatitude ? LATITUDE
          : LONGITUDE) + " is given");
    }
    return new GeoLocation(coordinate(latitude, LATITUDE, 90), coordinate(longitude, LONGITUDE, 180));
  }

  private static double coordinate(JsonNode value, String field, double bound) {
    if (!value.isNumber()) {
      throw wrongType(field, "a number", value);
    }
    double degrees = value.doubleValue();
    if (!(degrees >= -bound && degrees <= bound)) {
      throw new Rejection(RejectReason.INVALID_FIELD, field + ": expected degrees in [-" + (int) bound + ", "
          + (int) bound + "], got " + value.asText());
    }
    return degrees;
  }

  private static String text(JsonNode value, String field, String expected) {
    if (!value.isTextual()) {
      throw wrongType(field, expected, value);
    }
    return value.textValue();
  }

  private static Rejection wrongType(String field, String expected, JsonNode value) {
    return new Rejection(RejectReason.WRONG_FIELD_TYPE, field + ": expected " + expected + ", got "
        + typeName(value));
  }

  private static String typeName(JsonNode value) {
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String quote(String text) {
    return "'" + (text.length() > MAX_QUOTED_VALUE ? text.substring(0, MAX_QUOTED_VALUE) + "..." : text) + "'";
  }

  /** A failed check; cheap (no stack trace), caught in {@link #validate(ObjectNode, byte[], SourcePosition)}. */
  private static final class Rejection extends RuntimeException {
    private final RejectReason reason;

    Rejection(RejectReason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }
}
