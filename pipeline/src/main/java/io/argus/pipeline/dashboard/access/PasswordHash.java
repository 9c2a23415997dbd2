package io.argus.pipeline.dashboard.access;

import java.util.Base64;

/**
 * A stored password: PBKDF2-HMAC-SHA256 with its iteration count and random salt, written as
 * {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash in Base64) so that the parameters travel with the hash and
 * can be raised later without invalidating existing entries.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

  public static final String SCHEME = "pbkdf2-sha256";

  public PasswordHash {
    if (iterations < 1 || salt.length < 8 || hash.length < 16) {
      throw new IllegalArgumentException("a password hash needs iterations, a salt of at least 8 bytes and a hash of "
          + "at least 16");
    }
    salt = salt.clone();
    hash = hash.clone();
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  public String format() {
    return SCHEME + ":" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
        + Base64.getEncoder().encodeToString(hash);
  }

  /** Reads what {@link #format()} writes. */
  public static PasswordHash parse(String text) {
    String[] parts = text == null ? new String[0] : text.strip().split(":");
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      throw new IllegalArgumentException("a password hash is " + SCHEME + ":ITERATIONS:SALT:HASH (argus dashboard "
          + "hash-password writes one)");
    }
    try {
      return new PasswordHash(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]),
          Base64.getDecoder().decode(parts[3]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a password hash is " + SCHEME + ":ITERATIONS:SALT:HASH with a whole number "
          + "and Base64: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return SCHEME + ":" + iterations + ":...";
  }
}
