package io.argus.ingestion.tokenize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a card number by its keyed HMAC-SHA256, in lower-case hex: the same card gives the same token under the
 * same key, and nobody without the key can go back or test a guess. Spaces and dashes are ignored, so
 * {@code 4111 1111 1111 1111} and {@code 4111111111111111} share a token. The key is at least 32 random bytes,
 * Base64-encoded, read from the environment variable {@value #KEY_ENVIRONMENT_VARIABLE} or from a key file (for
 * example {@code openssl rand -base64 32 > token.key}); never from code or a command-line value. Thread-safe.
 */
public final class CardTokenizer {

  public static final String KEY_ENVIRONMENT_VARIABLE = "ARGUS_TOKEN_KEY";
  static final int MINIMUM_KEY_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";
  private static final String HOW_TO_CREATE = "create one with: openssl rand -base64 32";
  private static final Logger LOG = LoggerFactory.getLogger(CardTokenizer.class);

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  private CardTokenizer(byte[] keyBytes) {
    this.key = new SecretKeySpec(keyBytes, ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** The key from {@code keyFile} when given, otherwise from {@value #KEY_ENVIRONMENT_VARIABLE}. */
  public static CardTokenizer fromKeyFileOrEnvironment(Path keyFile) {
    return keyFile != null ? fromKeyFile(keyFile) : fromEnvironment(System.getenv());
  }

  /**
   * The key from the given environment's {@value #KEY_ENVIRONMENT_VARIABLE}.
   *
   * @throws TokenKeyException when it is absent, not Base64 or too short
   */
  public static CardTokenizer fromEnvironment(Map<String, String> environment) {
    String encoded = environment.get(KEY_ENVIRONMENT_VARIABLE);
    if (encoded == null || encoded.isBlank()) {
      throw new TokenKeyException("no card-token key: set " + KEY_ENVIRONMENT_VARIABLE
          + " or pass --token-key-file FILE (" + HOW_TO_CREATE + ")");
    }
    return new CardTokenizer(decode(encoded, KEY_ENVIRONMENT_VARIABLE));
  }

  /**
   * The key in {@code file} (Base64 text). Warns once when the file is readable by other users.
   *
   * @throws TokenKeyException when the file is missing, unreadable, not Base64 or too short
   */
  public static CardTokenizer fromKeyFile(Path file) {
    String encoded;
    try {
      encoded = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new TokenKeyException("card-token key file " + file + " does not exist (" + HOW_TO_CREATE + " > "
          + file + ")");
    } catch (IOException e) {
      throw new TokenKeyException("cannot read card-token key file " + file + ": " + e.getMessage());
    }
    warnWhenOthersCanRead(file);
    return new CardTokenizer(decode(encoded, "key file " + file));
  }

  /** A random key for a demo: tokens will not match those of any other run. Logs one WARN saying so. */
  public static CardTokenizer throwaway() {
    byte[] keyBytes = new byte[MINIMUM_KEY_BYTES];
    new SecureRandom().nextBytes(keyBytes);
    CardTokenizer tokenizer = new CardTokenizer(keyBytes);
    LOG.warn("Generated a throwaway card-token key (id {}): card tokens will not match those of any other run; "
        + "set {} or use a key file for real data", tokenizer.keyId(), KEY_ENVIRONMENT_VARIABLE);
    return tokenizer;
  }

  /**
   * The token of a card number: 64 lower-case hex characters.
   *
   * @throws IllegalArgumentException when the number holds anything but digits, spaces and dashes, or no digit
   *     (the message gives the position, never the number)
   */
  public String token(String cardNumber) {
    byte[] digits = new byte[cardNumber.length()];
    int count = 0;
    for (int i = 0; i < cardNumber.length(); i++) {
      char c = cardNumber.charAt(i);
      if (c >= '0' && c <= '9') {
        digits[count++] = (byte) c;
      } else if (c != ' ' && c != '-') {
        throw new IllegalArgumentException("card number has a character other than a digit, space or dash at "
            + "position " + i);
      }
    }
    if (count == 0) {
      throw new IllegalArgumentException("card number has no digit");
    }
    Mac mac = macs.get();
    mac.update(digits, 0, count);
    return HexFormat.of().formatHex(mac.doFinal());
  }

  /** A short public id of the key (first 8 hex of its SHA-256), so operators can check that instances agree. */
  public String keyId() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
    }
  }

  private static byte[] decode(String encoded, String source) {
    byte[] keyBytes;
    try {
      keyBytes = Base64.getDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw new TokenKeyException("the card-token key in " + source + " is not Base64 (" + HOW_TO_CREATE + ")");
    }
    if (keyBytes.length < MINIMUM_KEY_BYTES) {
      throw new TokenKeyException("the card-token key in " + source + " has " + keyBytes.length
          + " bytes; at least " + MINIMUM_KEY_BYTES + " are needed (" + HOW_TO_CREATE + ")");
    }
    return keyBytes;
  }

  private static void warnWhenOthersCanRead(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
        LOG.warn("Card-token key file {} is readable by other users; restrict it with: chmod 600 {}", file, file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      LOG.debug("cannot read the permissions of {}", file, e);
    }
  }
}
