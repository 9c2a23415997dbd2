package io.argus.pipeline.cli;

/** A mistake the user can fix (missing file, bad value); printed as one line, exit code 2, no stack trace. */
public final class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }
}
