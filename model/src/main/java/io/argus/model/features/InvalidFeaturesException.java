package io.argus.model.features;

/** Named-features JSON that does not fit the feature set; the message names what is wrong, for the caller's answer. */
public final class InvalidFeaturesException extends IllegalArgumentException {

  public InvalidFeaturesException(String message) {
    super(message);
  }
}
