package io.argus.model.artifact;

/** A model artifact that must not be served: corrupt, of an unknown format, or not matching the feature set. */
public final class ModelArtifactException extends RuntimeException {
  public ModelArtifactException(String message) {
    super(message);
  }

  public ModelArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
