package io.argus.common;

/**
 * A request an endpoint will not serve, with the status to answer and a message naming what is wrong; an
 * {@link HttpExchanges#handler endpoint handler} turns it into an error reply.
 */
public class HttpStatusException extends RuntimeException {

  private final int status;

  public HttpStatusException(int status, String message) {
    super(message);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an HTTP error status is 4xx or 5xx, got " + status);
    }
    this.status = status;
  }

  public int status() {
    return status;
  }
}
