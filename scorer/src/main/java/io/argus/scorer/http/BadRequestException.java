package io.argus.scorer.http;

import io.argus.common.HttpStatusException;

/** A request the scorer cannot serve; its message, which names what is wrong, is the 400 response body. */
final class BadRequestException extends HttpStatusException {

  BadRequestException(String message) {
    super(400, message);
  }
}
