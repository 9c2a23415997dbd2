package io.argus.ingestion.tokenize;

import java.nio.charset.StandardCharsets;

/**
 * PCI masking of card numbers in any bytes, JSON or not: only the first six and last four digits stay, the others
 * become {@code *}, and the length is kept. Two rules apply:
 * <ul>
 *   <li>every run of 13 or more digits, where single spaces or dashes may separate digits, is masked whether or not it
 *   passes the Luhn check: a mistyped card number is still a card number, and a run longer than 19 digits may hold
 *   one. Other long numbers (epoch milliseconds have 13 digits) are masked too: safety over readability;</li>
 *   <li>the value of a {@code "card_number"} field is masked whatever it holds: fewer than 13 digits are all masked,
 *   and a value with escape sequences is masked whole.</li>
 * </ul>
 * Bytes are scanned as they are (ASCII digits never occur inside multi-byte UTF-8 sequences), so invalid UTF-8 and
 * binary input are masked as safely as JSON.
 */
public final class CardNumberMasking {

  static final int MINIMUM_DIGITS = 13;
  private static final int KEPT_PREFIX = 6;
  private static final int KEPT_SUFFIX = 4;
  private static final byte MASK = '*';
  private static final byte[] CARD_NUMBER_FIELD = "\"card_number\"".getBytes(StandardCharsets.US_ASCII);

  private CardNumberMasking() {
  }

  /** A masked copy of {@code bytes}. */
  public static byte[] mask(byte[] bytes) {
    byte[] masked = bytes.clone();
    maskCardNumberFields(masked);
    maskDigitRuns(masked);
    return masked;
  }

  /** A masked copy of {@code text}. */
  public static String mask(String text) {
    return new String(mask(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  private static void maskDigitRuns(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      if (!isDigit(bytes[i])) {
        i++;
        continue;
      }
      int end = i;
      int digits = 0;
      while (true) {
        digits++;
        if (end + 1 < bytes.length && isDigit(bytes[end + 1])) {
          end++;
        } else if (end + 2 < bytes.length && isSeparator(bytes[end + 1]) && isDigit(bytes[end + 2])) {
          end += 2;
        } else {
          break;
        }
      }
      if (digits >= MINIMUM_DIGITS) {
        maskDigits(bytes, i, end + 1, KEPT_PREFIX, digits - KEPT_SUFFIX);
      }
      i = end + 1;
    }
  }

  private static void maskCardNumberFields(byte[] bytes) {
    for (int field = indexOf(bytes, CARD_NUMBER_FIELD, 0); field >= 0;
        field = indexOf(bytes, CARD_NUMBER_FIELD, field + CARD_NUMBER_FIELD.length)) {
      int i = skipWhitespace(bytes, field + CARD_NUMBER_FIELD.length);
      if (i >= bytes.length || bytes[i] != ':') {
        continue;
      }
      i = skipWhitespace(bytes, i + 1);
      boolean quoted = i < bytes.length && bytes[i] == '"';
      int start = quoted ? i + 1 : i;
      int end = start;
      boolean escaped = false;
      while (end < bytes.length && (quoted ? bytes[end] != '"' : isNumberPart(bytes[end]))) {
        if (bytes[end] == '\\') {
          escaped = true;
          end++;
        }
        end++;
      }
      end = Math.min(end, bytes.length);
      if (escaped) {
        for (int j = start; j < end; j++) {
          bytes[j] = MASK;
        }
      } else {
        int digits = countDigits(bytes, start, end);
        boolean keepEnds = digits >= MINIMUM_DIGITS;
        maskDigits(bytes, start, end, keepEnds ? KEPT_PREFIX : 0, keepEnds ? digits - KEPT_SUFFIX : digits);
      }
    }
  }

  /** Masks the digits of {@code bytes[from, to)} whose rank among those digits is in {@code [firstMasked, endMasked)}. */
  private static void maskDigits(byte[] bytes, int from, int to, int firstMasked, int endMasked) {
    int rank = 0;
    for (int j = from; j < to; j++) {
      if (isDigit(bytes[j])) {
        if (rank >= firstMasked && rank < endMasked) {
          bytes[j] = MASK;
        }
        rank++;
      }
    }
  }

  private static int countDigits(byte[] bytes, int from, int to) {
    int count = 0;
    for (int j = from; j < to; j++) {
      if (isDigit(bytes[j])) {
        count++;
      }
    }
    return count;
  }

  private static int indexOf(byte[] bytes, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= bytes.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int skipWhitespace(byte[] bytes, int from) {
    int i = from;
    while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
      i++;
    }
    return i;
  }

  private static boolean isNumberPart(byte b) {
    return isDigit(b) || isSeparator(b) || b == '.' || b == '+' || b == 'e' || b == 'E';
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isSeparator(byte b) {
    return b == ' ' || b == '-';
  }
}
