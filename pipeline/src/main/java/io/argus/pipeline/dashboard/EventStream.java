package io.argus.pipeline.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.argus.common.HttpErrorFormat;
import io.argus.common.HttpExchanges;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /events}: server-sent events, one {@code snapshot} event per published snapshot (its data the snapshot
 * JSON on one line, its id the snapshot version) and a comment line as keep-alive when nothing new was published.
 * Each stream holds one HTTP thread, so the number of open streams is bounded.
 */
final class EventStream implements HttpHandler {

  private static final byte[] PREAMBLE = "retry: 2000\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

  private final SnapshotPublisher publisher;
  private final Semaphore streams;
  private final Duration keepAlive;

  EventStream(SnapshotPublisher publisher, int maxStreams, Duration keepAlive) {
    this.publisher = publisher;
    this.streams = new Semaphore(maxStreams);
    this.keepAlive = keepAlive;
  }

  /** One server-sent event carrying a published snapshot. */
  static byte[] event(SnapshotPublisher.Published published) {
    String json = new String(published.json(), StandardCharsets.UTF_8);
    return ("id: " + published.version() + "\nevent: snapshot\ndata: " + json + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "GET")) {
      return;
    }
    if (!streams.tryAcquire()) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 503,
          "too many live dashboards are open; close one or use GET /api/snapshot");
      return;
    }
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream body = exchange.getResponseBody();
      body.write(PREAMBLE);
      body.flush();
      long version = -1;
      SnapshotPublisher.Published published;
      while ((published = publisher.awaitNewer(version, keepAlive)) != null) {
        body.write(published.version() == version ? KEEP_ALIVE : event(published));
        body.flush();
        version = published.version();
      }
    } catch (IOException e) {
      // The browser went away; its stream ends here.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streams.release();
    }
  }
}
