package io.argus.schemas;

/** Bytes that are not a decodable Avro single-object record; the message says why (unknown fingerprint, bad header). */
public final class AvroDecodingException extends RuntimeException {
  public AvroDecodingException(String message) {
    super(message);
  }

  public AvroDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
