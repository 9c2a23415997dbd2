package io.argus.ingestion.file;

/** A transaction file Argus cannot read at all (no usable header, unreadable); the message names file and cause. */
public final class FileFormatException extends RuntimeException {
  public FileFormatException(String message) {
    super(message);
  }
}
