package io.argus.ingestion.tokenize;

/** The card-token key is missing or unusable; the message says how to provide one. */
public final class TokenKeyException extends RuntimeException {
  public TokenKeyException(String message) {
    super(message);
  }
}
