package io.argus.pipeline.security;

/** A role cannot use Kafka as its principal: refused credentials, no answer, a missing topic or ACL. One line. */
public final class AccessException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public AccessException(String message) {
    super(message);
  }
}
