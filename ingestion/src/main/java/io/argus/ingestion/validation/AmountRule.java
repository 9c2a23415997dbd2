package io.argus.ingestion.validation;

import static io.argus.ingestion.validation.TransactionJson.AMOUNT;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.avro.RejectReason;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check of {@code amount}: a decimal string or JSON number, exact, in the currency's minor units. Zero is an
 * amount (a $0 authorization verifies a card: card networks carry them every day, and card testers send them);
 * what cannot be a payment is refused, each with its own reason: text that is no decimal ({@code INVALID_AMOUNT}),
 * NaN or an infinity ({@code NON_FINITE_AMOUNT}), a negative amount ({@code NEGATIVE_AMOUNT}), one above the limit
 * or beyond the minor units a {@code long} holds ({@code AMOUNT_OUT_OF_RANGE}), and one with more decimals than the
 * currency has, such as a float printed with its binary noise ({@code 19.990000000000002}) or an exponent no decimal can mean
 * ({@code AMOUNT_TOO_PRECISE}). A detail never expands the number (an exponent of a billion stays one line).
 */
final class AmountRule {

  /** Longer text is not an amount; Jackson's own limit on the length of a JSON number. */
  static final int MAX_TEXT_LENGTH = 1_000;
  private static final Pattern DECIMAL = Pattern.compile("([+-]?)(\\d+\\.?\\d*|\\.\\d+)(?:[eE]([+-]?)\\d+)?");
  private static final Pattern NON_FINITE = Pattern.compile("[+-]?(?:nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

  private AmountRule() {
  }

  /** The amount in the currency's minor units ({@code "57.16"} EUR is 5716), or a rejection saying why not. */
  static long minorUnits(JsonNode value, Currency currency, ValidationLimits limits) {
    BigDecimal amount = decimal(value);
    String written = FieldRules.quote(value.asText().strip());
    if (amount.signum() < 0) {
      throw new FieldRejection(RejectReason.NEGATIVE_AMOUNT, AMOUNT + ": " + written
          + " is negative; an amount is zero or more (a refund is not a transaction here)");
    }
    if (amount.compareTo(limits.maxAmount()) > 0) {
      throw outOfRange(written + " " + currency.getCurrencyCode() + " is above the limit of "
          + limits.maxAmount().toPlainString());
    }
    int digits = currency.getDefaultFractionDigits();
    BigDecimal exact = amount.stripTrailingZeros();
    if (exact.scale() > digits) {
      throw new FieldRejection(RejectReason.AMOUNT_TOO_PRECISE, AMOUNT + ": " + written + " has more than " + digits
          + " decimal places, the minor units of " + currency.getCurrencyCode());
    }
    try {
      return exact.movePointRight(digits).longValueExact();
    } catch (ArithmeticException e) {
      throw outOfRange(written + " " + currency.getCurrencyCode() + " does not fit in 64-bit minor units");
    }
  }

  private static BigDecimal decimal(JsonNode value) {
    if (value.isNumber()) {
      if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
        throw nonFinite(value.asText());
      }
      return value.decimalValue();
    }
    if (!value.isTextual()) {
      throw FieldRules.wrongType(AMOUNT, "a decimal string or number", value);
    }
    String text = value.textValue().strip();
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new FieldRejection(RejectReason.INVALID_AMOUNT, AMOUNT + ": expected a decimal number like 57.16, got "
          + String.format("%,d", text.length()) + " characters");
    }
    if (NON_FINITE.matcher(text).matches()) {
      throw nonFinite(text);
    }
    Matcher decimal = DECIMAL.matcher(text);
    if (!decimal.matches()) {
      throw new FieldRejection(RejectReason.INVALID_AMOUNT, AMOUNT + ": expected a decimal number like 57.16, got "
          + FieldRules.quote(text));
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return exponentOverflow(decimal, text);
    }
  }

  /**
   * A decimal whose exponent is beyond what {@link BigDecimal} holds (more than 2^31): zero when its digits are all
   * zeros, else a rejection by its sign and the sign of its exponent.
   */
  private static BigDecimal exponentOverflow(Matcher decimal, String text) {
    if (decimal.group(2).chars().allMatch(c -> c == '0' || c == '.')) {
      return BigDecimal.ZERO;
    }
    String written = FieldRules.quote(text);
    if (decimal.group(1).equals("-")) {
      throw new FieldRejection(RejectReason.NEGATIVE_AMOUNT, AMOUNT + ": " + written + " is negative");
    }
    if ("-".equals(decimal.group(3))) {
      throw new FieldRejection(RejectReason.AMOUNT_TOO_PRECISE, AMOUNT + ": " + written
          + " has an exponent no decimal holds: far more decimal places than any currency's minor units");
    }
    throw outOfRange(written + " has an exponent no decimal holds");
  }

  private static FieldRejection nonFinite(String text) {
    return new FieldRejection(RejectReason.NON_FINITE_AMOUNT, AMOUNT + ": " + FieldRules.quote(text)
        + " is not a finite number");
  }

  private static FieldRejection outOfRange(String detail) {
    return new FieldRejection(RejectReason.AMOUNT_OUT_OF_RANGE, AMOUNT + ": " + detail);
  }
}
