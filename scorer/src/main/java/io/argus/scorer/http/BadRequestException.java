package io.argus.scorer.http;

/** A request the scorer cannot serve; its message, which names what is wrong, is the 400 response body. */
final class BadRequestException extends RuntimeException {

  BadRequestException(String message) {
    super(message);
  }
}
