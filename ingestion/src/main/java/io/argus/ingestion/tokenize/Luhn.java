package io.argus.ingestion.tokenize;

/** The Luhn (mod 10) check that every payment card number carries in its last digit. */
public final class Luhn {

  private Luhn() {
  }

  /** Whether {@code digits} (ASCII digits only, at least two) ends in a correct Luhn check digit. */
  public static boolean isValid(CharSequence digits) {
    return digits.length() >= 2 && weightedSum(digits, false) % 10 == 0;
  }

  /** The check digit that makes {@code payload} followed by it Luhn-valid. */
  public static char checkDigit(CharSequence payload) {
    return (char) ('0' + (10 - weightedSum(payload, true) % 10) % 10);
  }

  /** Sum of the digits, every second one from the right doubled (minus 9 above 9), the rightmost when asked. */
  private static int weightedSum(CharSequence digits, boolean doubleRightmost) {
    int sum = 0;
    boolean doubled = doubleRightmost;
    for (int i = digits.length() - 1; i >= 0; i--) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a digit at position " + i + ": '" + c + "'");
      }
      int value = c - '0';
      if (doubled) {
        value = value * 2 > 9 ? value * 2 - 9 : value * 2;
      }
      sum += value;
      doubled = !doubled;
    }
    return sum;
  }
}
