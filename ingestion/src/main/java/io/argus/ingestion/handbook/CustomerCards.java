package io.argus.ingestion.handbook;

import io.argus.ingestion.tokenize.Luhn;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The one card of each customer in data that has customers but no card numbers (the handbook's files, the
 * simulator): a deterministic, Luhn-valid, synthetic card number per customer id, so customer and card features line
 * up. A canonical decimal id below 10^14 maps one-to-one to {@code 4} + the id on 14 digits + a check digit (16
 * digits: customer 596 has card 4000000000005969); any other id maps through SHA-256 to {@code 5} + 17 digits + a
 * check digit (19 digits). The numbers are not secret: they are tokenized like any other card number.
 */
public final class CustomerCards {

  private static final Pattern CANONICAL_NUMBER = Pattern.compile("0|[1-9][0-9]{0,13}");
  private static final long HASHED_RANGE = 100_000_000_000_000_000L;

  private CustomerCards() {
  }

  /** The card number of {@code customerId}. */
  public static String cardNumber(String customerId) {
    String payload = CANONICAL_NUMBER.matcher(customerId).matches()
        ? "4" + "0".repeat(14 - customerId.length()) + customerId
        : "5" + String.format("%017d", Long.remainderUnsigned(hash(customerId), HASHED_RANGE));
    return payload + Luhn.checkDigit(payload);
  }

  private static long hash(String customerId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(customerId.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
