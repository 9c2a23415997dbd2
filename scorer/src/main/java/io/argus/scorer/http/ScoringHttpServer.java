package io.argus.scorer.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.argus.features.FeatureSet;
import io.argus.model.features.InvalidFeaturesException;
import io.argus.model.features.NamedFeatures;
import io.argus.model.features.NamedFeaturesJson;
import io.argus.scorer.DecisionThresholds;
import io.argus.scorer.TransactionScorer;
import io.argus.scorer.metrics.ScorerMetrics;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.model.ServingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scorer's HTTP endpoints (the JDK's built-in server): {@code POST /score} scores one transaction synchronously
 * for authorization flows (the named-features JSON in, read by {@link NamedFeaturesJson}; {@link ScoreResponse} out;
 * 400 with a message naming what is wrong; 503 until a model is served), {@code GET /metrics} in the Prometheus text format and {@code GET /health}.
 * Each worker thread scores with its own copy of the champion.
 */
public final class ScoringHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ScoringHttpServer.class);
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService workers;

  private ScoringHttpServer(HttpServer server, ExecutorService workers) {
    this.server = server;
    this.workers = workers;
  }

  /**
   * Starts serving on {@code port} (0: a free port) with {@code threads} workers.
   *
   * @param prometheus the metrics page, in the Prometheus text format
   */
  public static ScoringHttpServer start(int port, int threads, ModelHolder holder, FeatureSet featureSet,
      DecisionThresholds thresholds, int topContributions, ScorerMetrics metrics, Supplier<String> prometheus) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      AtomicInteger workerNumber = new AtomicInteger();
      ExecutorService workers = Executors.newFixedThreadPool(threads, task -> {
        Thread thread = new Thread(task, "scorer-http-" + workerNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      NamedFeaturesJson requests = new NamedFeaturesJson(featureSet);
      ThreadLocal<TransactionScorer> scorers = ThreadLocal.withInitial(
          () -> new TransactionScorer(holder, thresholds));
      server.setExecutor(workers);
      server.createContext("/score", exchange -> handle(exchange, "POST", () -> {
        if (holder.current() == null) {
          return new Reply(503, "text/plain", "no model is served yet: waiting for a champion on model-releases");
        }
        NamedFeatures request = requests.read(body(exchange));
        TransactionScorer.Result result = scorers.get().score(request.input());
        metrics.scoredOnRequest(result.modelNanos(), result.explainNanos());
        return new Reply(200, "application/json",
            ScoreResponse.toJson(request.transactionId(), result, topContributions));
      }));
      server.createContext("/metrics", exchange -> handle(exchange, "GET",
          () -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8", prometheus.get())));
      server.createContext("/health", exchange -> handle(exchange, "GET", () -> {
        ServingModel serving = holder.current();
        return serving == null ? new Reply(503, "application/json", "{\"status\":\"WAITING_FOR_MODEL\"}")
            : new Reply(200, "application/json", "{\"status\":\"UP\",\"model\":\"" + serving.name() + "\","
                + "\"version\":\"" + serving.version() + "\"}");
      }));
      server.start();
      LOG.info("Scoring HTTP on port {}: POST /score, GET /metrics, GET /health", server.getAddress().getPort());
      return new ScoringHttpServer(server, workers);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve HTTP on port " + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private record Reply(int status, String contentType, byte[] body) {
    Reply(int status, String contentType, String body) {
      this(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void handle(HttpExchange exchange, String method, Supplier<Reply> handler) throws IOException {
    Reply reply;
    try {
      reply = exchange.getRequestMethod().equals(method) ? handler.get()
          : new Reply(405, "text/plain", exchange.getRequestURI().getPath() + " takes " + method);
    } catch (BadRequestException | InvalidFeaturesException e) {
      reply = new Reply(400, "text/plain", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
      reply = new Reply(500, "text/plain", "internal error: " + e);
    }
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(reply.status(), reply.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply.body());
    }
  }

  private static byte[] body(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new BadRequestException("the body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }
}
