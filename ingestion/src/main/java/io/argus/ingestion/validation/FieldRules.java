package io.argus.ingestion.validation;

import static io.argus.ingestion.validation.TransactionJson.CARD_NUMBER;
import static io.argus.ingestion.validation.TransactionJson.CHANNEL;
import static io.argus.ingestion.validation.TransactionJson.CURRENCY;
import static io.argus.ingestion.validation.TransactionJson.EVENT_TIME;
import static io.argus.ingestion.validation.TransactionJson.LATITUDE;
import static io.argus.ingestion.validation.TransactionJson.LONGITUDE;
import static io.argus.ingestion.validation.TransactionJson.MERCHANT_CATEGORY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.avro.Channel;
import io.argus.avro.GeoLocation;
import io.argus.avro.RejectReason;
import io.argus.ingestion.tokenize.CardNumberMasking;
import io.argus.ingestion.tokenize.Luhn;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Locale;

/**
 * The checks of each field of the public JSON contract, one method per field, each returning the field's value in
 * Argus's terms or throwing a {@link FieldRejection} with the reason and a detail naming the field and what was
 * expected. {@link TransactionValidator} calls them in the contract's order.
 */
final class FieldRules {

  private static final int MAX_ID_LENGTH = 128;
  private static final int MAX_QUOTED_VALUE = 40;
  private static final int MIN_CARD_DIGITS = 13;
  private static final int MAX_CARD_DIGITS = 19;
  private static final String DEFAULT_MERCHANT_CATEGORY = "0000";
  private static final String PLAIN_UTC_TIME = "2026-11-25T10:15:30Z";

  private FieldRules() {
  }

  /** Every required field is present and not null. */
  static void requirePresent(ObjectNode record) {
    for (String field : TransactionJson.REQUIRED) {
      JsonNode value = record.get(field);
      if (value == null || value.isNull()) {
        throw new FieldRejection(RejectReason.MISSING_FIELD, field + ": required, "
            + (value == null ? "absent" : "null"));
      }
    }
  }

  static String identifier(ObjectNode record, String field) {
    String value = text(record.get(field), field, "a string");
    if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
      throw new FieldRejection(RejectReason.INVALID_FIELD, field + ": expected 1 to " + MAX_ID_LENGTH
          + " characters, not blank, got " + value.length() + (value.isBlank() ? " blank ones" : ""));
    }
    if (CardNumberMasking.containsCardNumber(value)) {
      throw new FieldRejection(RejectReason.INVALID_FIELD, field + ": holds a card number (13 to 19 digits passing the "
          + "Luhn check); identifiers travel in clear, card numbers only in card_number");
    }
    return value;
  }

  static String cardNumber(JsonNode value) {
    String number = text(value, CARD_NUMBER, "a string of digits");
    StringBuilder digits = new StringBuilder(MAX_CARD_DIGITS);
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c != ' ' && c != '-') {
        throw new FieldRejection(RejectReason.INVALID_CARD_NUMBER, CARD_NUMBER
            + ": expected digits (spaces and dashes allowed), found another character at position " + i);
      }
    }
    if (digits.length() < MIN_CARD_DIGITS || digits.length() > MAX_CARD_DIGITS) {
      throw new FieldRejection(RejectReason.INVALID_CARD_NUMBER, CARD_NUMBER + ": expected " + MIN_CARD_DIGITS + " to "
          + MAX_CARD_DIGITS + " digits, got " + digits.length());
    }
    if (!Luhn.isValid(digits)) {
      throw new FieldRejection(RejectReason.INVALID_CARD_NUMBER, CARD_NUMBER
          + ": fails the Luhn check (a digit is wrong or missing)");
    }
    return number;
  }

  /** The event time; {@code now} {@code null} skips the check against the clock ({@link #requireNotAhead}). */
  static Instant eventTime(JsonNode value, ValidationLimits limits, Instant now) {
    Instant eventTime;
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      eventTime = Instant.ofEpochMilli(value.longValue());
    } else if (value.isTextual()) {
      eventTime = parseTime(value.textValue());
    } else if (value.isNumber()) {
      throw new FieldRejection(RejectReason.INVALID_FIELD, EVENT_TIME + ": expected whole epoch milliseconds, got "
          + value.asText());
    } else {
      throw wrongType(EVENT_TIME, "an ISO-8601 string or epoch milliseconds", value);
    }
    if (eventTime.isBefore(limits.earliestEventTime())) {
      throw new FieldRejection(RejectReason.INVALID_FIELD, EVENT_TIME + ": " + eventTime + " is before "
          + limits.earliestEventTime() + " (epoch seconds sent as milliseconds?)");
    }
    if (now != null) {
      requireNotAhead(eventTime, limits, now);
    }
    return eventTime;
  }

  /** Rejects an event time later than {@code now} plus the allowed clock skew. */
  static void requireNotAhead(Instant eventTime, ValidationLimits limits, Instant now) {
    Instant latest = now.plus(limits.maxClockSkew());
    if (eventTime.isAfter(latest)) {
      throw new FieldRejection(RejectReason.FUTURE_EVENT_TIME, EVENT_TIME + ": " + eventTime
          + " is later than the validator's clock plus " + limits.maxClockSkew() + " (" + latest + ")");
    }
  }

  private static Instant parseTime(String text) {
    try {
      if (isPlainUtcTime(text)) {
        return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
            digits(text, 14, 16), digits(text, 17, 19)).toInstant(ZoneOffset.UTC);
      }
      if (!text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Instant.ofEpochMilli(Long.parseLong(text));
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw new FieldRejection(RejectReason.INVALID_FIELD, EVENT_TIME
          + ": expected ISO-8601 with an offset (2026-11-25T10:15:30Z) or epoch milliseconds, got " + quote(text));
    }
  }

  /** Whether {@code text} has the shape {@code yyyy-MM-ddTHH:mm:ssZ}, parsed here without the slower formatter. */
  private static boolean isPlainUtcTime(String text) {
    return text.length() == PLAIN_UTC_TIME.length() && text.charAt(4) == '-' && text.charAt(7) == '-'
        && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z';
  }

  /** The number written with the digits {@code text[from, to)}; -1 (an invalid field) when one is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + c - '0';
    }
    return value;
  }

  static Currency currency(JsonNode value) {
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
      throw new FieldRejection(RejectReason.UNKNOWN_CURRENCY, CURRENCY
          + ": expected an ISO 4217 code of a currency with minor units, like EUR, got " + quote(code));
    }
    return currency;
  }

  static long amountMinor(JsonNode value, Currency currency, ValidationLimits limits) {
    return AmountRule.minorUnits(value, currency, limits);
  }

  static String merchantCategory(JsonNode value) {
    if (value == null || value.isNull()) {
      return DEFAULT_MERCHANT_CATEGORY;
    }
    String code = text(value, MERCHANT_CATEGORY, "a string of 4 digits");
    if (code.length() != 4 || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new FieldRejection(RejectReason.INVALID_FIELD, MERCHANT_CATEGORY
          + ": expected an ISO 18245 code of 4 digits like 5411, got " + quote(code));
    }
    return code;
  }

  static Channel channel(JsonNode value) {
    if (value == null || value.isNull()) {
      return Channel.CARD_PRESENT;
    }
    String channel = text(value, CHANNEL, "a string");
    return switch (channel) {
      case TransactionJson.CARD_PRESENT -> Channel.CARD_PRESENT;
      case TransactionJson.ONLINE -> Channel.ONLINE;
      default -> throw new FieldRejection(RejectReason.INVALID_FIELD, CHANNEL + ": expected "
          + TransactionJson.CARD_PRESENT + " or " + TransactionJson.ONLINE + ", got " + quote(channel));
    };
  }

  static GeoLocation location(JsonNode latitude, JsonNode longitude) {
    boolean hasLatitude = latitude != null && !latitude.isNull();
    boolean hasLongitude = longitude != null && !longitude.isNull();
    if (!hasLatitude && !hasLongitude) {
      return null;
    }
    if (hasLatitude != hasLongitude) {
      String missing = hasLatitude ? LONGITUDE : LATITUDE;
      throw new FieldRejection(RejectReason.MISSING_FIELD, missing + ": required when " + (hasLatitude ? LATITUDE
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
      throw new FieldRejection(RejectReason.INVALID_FIELD, field + ": expected degrees in [-" + (int) bound + ", "
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

  static FieldRejection wrongType(String field, String expected, JsonNode value) {
    return new FieldRejection(RejectReason.WRONG_FIELD_TYPE, field + ": expected " + expected + ", got "
        + typeName(value));
  }

  static String typeName(JsonNode value) {
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  static String quote(String text) {
    return "'" + (text.length() > MAX_QUOTED_VALUE ? text.substring(0, MAX_QUOTED_VALUE) + "..." : text) + "'";
  }
}
