package io.argus.pipeline.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * A stand-in for the scorer's {@code POST /score} (the real one lives in the scorer module): it answers a fixed status
 * and body, optionally after a delay, and remembers the last request it received.
 */
final class FakeScorer implements AutoCloseable {

  private final HttpServer server;
  private volatile int status = 200;
  private volatile String body = "{}";
  private volatile Duration delay = Duration.ZERO;
  private volatile String lastRequest;
  private volatile String lastPath;

  FakeScorer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      try (InputStream input = exchange.getRequestBody()) {
        lastRequest = new String(input.readAllBytes(), StandardCharsets.UTF_8);
      }
      lastPath = exchange.getRequestURI().getPath();
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] answer = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream output = exchange.getResponseBody()) {
        output.write(answer);
      } catch (IOException e) {
        // The caller gave up waiting.
      }
    });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  /** Answers every request with this status and body. */
  FakeScorer answer(int newStatus, String newBody) {
    status = newStatus;
    body = newBody;
    return this;
  }

  FakeScorer delay(Duration newDelay) {
    delay = newDelay;
    return this;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  String lastRequest() {
    return lastRequest;
  }

  String lastPath() {
    return lastPath;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
