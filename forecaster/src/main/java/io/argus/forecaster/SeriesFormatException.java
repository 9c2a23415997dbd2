package io.argus.forecaster;

/** A series file Argus cannot read, with one line saying where and why (a missing column, a value that is not a number). */
public final class SeriesFormatException extends RuntimeException {
  public SeriesFormatException(String message) {
    super(message);
  }
}
