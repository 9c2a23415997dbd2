package io.argus.pipeline.dashboard.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and verifies passwords with the JDK's PBKDF2-HMAC-SHA256: a random 16-byte salt per password, a 32-byte
 * key, {@value #DEFAULT_ITERATIONS} iterations by default (OWASP's recommendation for PBKDF2-HMAC-SHA256, about a
 * quarter of a second here), and a constant-time comparison. The password's characters are cleared after use.
 */
public final class PasswordHasher {

  public static final int DEFAULT_ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;

  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  public PasswordHasher() {
    this(DEFAULT_ITERATIONS);
  }

  /** With another iteration count (tests use few, to stay fast). */
  public PasswordHasher(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive, got " + iterations);
    }
    this.iterations = iterations;
  }

  public PasswordHash hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /** Whether {@code password} is the one {@code stored} was made from, compared in constant time. */
  public static boolean verify(char[] password, PasswordHash stored) {
    return MessageDigest.isEqual(derive(password, stored.salt(), stored.iterations()), stored.hash());
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** Clears a password's characters once it is no longer needed. */
  public static void clear(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }
}
