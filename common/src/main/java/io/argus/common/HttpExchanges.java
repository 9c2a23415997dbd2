package io.argus.common;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every Argus endpoint on the JDK's HTTP server answers: a body with its content type and the safe headers
 * ({@code Cache-Control: no-cache}, {@code X-Content-Type-Options: nosniff}), errors as JSON or plain text
 * ({@link HttpErrorFormat}), a method check (405 with {@code Allow}), and a request body read up to a limit (413
 * beyond it, 400 when it cannot be read). {@link #handler} puts these together for an endpoint that computes an
 * {@link HttpReply}; {@link ServiceEndpoints} mounts the standard {@code /health} and {@code /metrics}.
 */
public final class HttpExchanges {

  public static final String JSON = "application/json; charset=utf-8";
  public static final String TEXT = "text/plain; charset=utf-8";
  /** The Prometheus text exposition format. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** How much of a body over the limit is read and dropped before the 413 is sent. */
  public static final int DISCARDED_BYTES = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(HttpExchanges.class);

  private HttpExchanges() {
  }

  /** The answer of one endpoint; it may throw {@link HttpStatusException} to answer an error. */
  @FunctionalInterface
  public interface Endpoint {
    HttpReply answer(HttpExchange exchange) throws IOException;
  }

  /**
   * A handler that answers only {@code method} (405 with {@code Allow} otherwise), answers what {@code endpoint}
   * returns, turns an {@link HttpStatusException} into an error with its status and message, and any other failure
   * into a 500 (logged).
   */
  public static HttpHandler handler(String method, HttpErrorFormat errors, Endpoint endpoint) {
    return exchange -> {
      try (exchange) {
        if (!requireMethod(exchange, errors, method)) {
          return;
        }
        HttpReply reply;
        try {
          reply = endpoint.answer(exchange);
        } catch (HttpStatusException e) {
          reply = errors.reply(e.status(), e.getMessage());
        } catch (RuntimeException e) {
          LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
          reply = errors.reply(500, "internal error: " + e);
        }
        send(exchange, reply);
      }
    };
  }

  /** Sends {@code reply}. */
  public static void send(HttpExchange exchange, HttpReply reply) throws IOException {
    send(exchange, reply.status(), reply.contentType(), reply.body());
  }

  /** Sends {@code body} with its content type and the safe headers. */
  public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code body} with its content type and the safe headers; an empty body is sent as none. */
  public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    headers.set("Cache-Control", "no-cache");
    headers.set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream output = exchange.getResponseBody()) {
      output.write(body);
    }
  }

  /** Sends an error with {@code status} saying {@code message}, written in {@code format}. */
  public static void sendError(HttpExchange exchange, HttpErrorFormat format, int status, String message)
      throws IOException {
    send(exchange, format.reply(status, message));
  }

  /**
   * Answers 405, with {@code Allow: method} and an error saying which method to use, and returns false, unless the
   * request uses {@code method}.
   */
  public static boolean requireMethod(HttpExchange exchange, HttpErrorFormat format, String method)
      throws IOException {
    if (method.equals(exchange.getRequestMethod())) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", method);
    sendError(exchange, format, 405, exchange.getRequestMethod() + " is not supported on "
        + exchange.getRequestURI().getPath() + "; use " + method);
    return false;
  }

  /**
   * The request body, read up to {@code maxBytes}. A larger body is read on and dropped, up to
   * {@value #DISCARDED_BYTES} bytes more, so that the client, still sending, reads the 413 instead of a connection
   * reset; beyond that the connection is closed.
   *
   * @throws HttpStatusException 413 when the body is larger than {@code maxBytes}, 400 when it cannot be read
   */
  public static byte[] readBody(HttpExchange exchange, int maxBytes) {
    try (InputStream input = exchange.getRequestBody()) {
      byte[] body = input.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        discard(input, DISCARDED_BYTES);
        throw new HttpStatusException(413, "the request body is larger than " + maxBytes + " bytes");
      }
      return body;
    } catch (IOException e) {
      throw new HttpStatusException(400, "the request body cannot be read: " + e.getMessage());
    }
  }

  private static void discard(InputStream input, long atMost) throws IOException {
    byte[] buffer = new byte[8192];
    for (long left = atMost; left > 0; ) {
      int read = input.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        return;
      }
      left -= read;
    }
  }
}
