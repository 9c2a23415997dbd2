package io.argus.scorer.model;

/** A released model the scorer will not serve, with why: the message names the artifact and what is wrong. */
public final class ModelRejectedException extends Exception {

  public ModelRejectedException(String message) {
    super(message);
  }

  public ModelRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
