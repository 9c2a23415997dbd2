package io.argus.pipeline.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Small helpers every dashboard handler uses to answer: a body with its type, a JSON error, a method check. */
final class Exchanges {

  static final String JSON = "application/json; charset=utf-8";

  private Exchanges() {
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream output = exchange.getResponseBody()) {
      output.write(body);
    }
  }

  static void sendError(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, JSON, Json.error(message));
  }

  /** Answers 405 and returns false unless the request uses {@code method}. */
  static boolean requireMethod(HttpExchange exchange, String method) throws IOException {
    if (method.equals(exchange.getRequestMethod())) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", method);
    sendError(exchange, 405, exchange.getRequestMethod() + " is not supported on " + exchange.getRequestURI().getPath()
        + "; use " + method);
    return false;
  }
}
