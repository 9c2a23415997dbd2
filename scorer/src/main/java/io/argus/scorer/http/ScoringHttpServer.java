package io.argus.scorer.http;

import com.sun.net.httpserver.HttpServer;
import io.argus.common.Health;
import io.argus.common.HttpErrorFormat;
import io.argus.common.HttpExchanges;
import io.argus.common.HttpReply;
import io.argus.common.HttpStatusException;
import io.argus.common.ServiceEndpoints;
import io.argus.features.FeatureSet;
import io.argus.model.features.InvalidFeaturesException;
import io.argus.model.features.NamedFeatures;
import io.argus.model.features.NamedFeaturesJson;
import io.argus.scorer.DecisionThresholds;
import io.argus.scorer.TransactionScorer;
import io.argus.scorer.metrics.ScorerMetrics;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.model.ServingModel;
import io.argus.scorer.rules.RuleHolder;
import io.argus.scorer.rules.RuleSet;
import io.argus.scorer.rules.TransactionFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scorer's HTTP endpoints (the JDK's built-in server): {@code POST /score} scores one transaction synchronously
 * for authorization flows (the named-features JSON in, read by {@link NamedFeaturesJson}; {@link ScoreResponse} out;
 * 400 with a message naming what is
 * wrong, 413 over {@value #MAX_BODY_BYTES} bytes, 503 until a model is served; errors are plain text), and the
 * standard {@code GET /metrics} (Prometheus text) and {@code GET /health} ({@link ServiceEndpoints}). Each worker
 * thread scores with its own copy of the champion.
 */
public final class ScoringHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ScoringHttpServer.class);
  static final int MAX_BODY_BYTES = 64 * 1024;

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
    return start(port, threads, holder, RuleHolder.of(RuleSet.EMPTY), featureSet, thresholds, topContributions,
        metrics, prometheus);
  }

  /**
   * Starts serving with the rules in force in {@code rules} applied as in the stream; a request knows only the
   * transaction's id, so rules see empty customer, card and terminal ids and the request's time as the event time.
   */
  public static ScoringHttpServer start(int port, int threads, ModelHolder holder, RuleHolder rules,
      FeatureSet featureSet, DecisionThresholds thresholds, int topContributions, ScorerMetrics metrics,
      Supplier<String> prometheus) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      AtomicInteger workerNumber = new AtomicInteger();
      ExecutorService workers = Executors.newFixedThreadPool(threads, task -> {
        Thread thread = new Thread(task, "scorer-http-" + workerNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      ThreadLocal<TransactionScorer> scorers = ThreadLocal.withInitial(
          () -> new TransactionScorer(holder, thresholds, rules));
      NamedFeaturesJson requests = new NamedFeaturesJson(featureSet);
      server.setExecutor(workers);
      server.createContext("/score", HttpExchanges.handler("POST", HttpErrorFormat.TEXT, exchange -> {
        if (holder.current() == null) {
          throw new HttpStatusException(503, "no model is served yet: waiting for a champion on model-releases");
        }
        NamedFeatures request;
        try {
          request = requests.read(HttpExchanges.readBody(exchange, MAX_BODY_BYTES));
        } catch (InvalidFeaturesException e) {
          throw new HttpStatusException(400, e.getMessage());
        }
        TransactionScorer.Result result = scorers.get().score(request.input(),
            TransactionFields.ofRequest(request.transactionId(), Instant.now()));
        metrics.scoredOnRequest(result.modelNanos(), result.explainNanos());
        return HttpReply.json(200, ScoreResponse.toJson(request.transactionId(), result, topContributions));
      }));
      ServiceEndpoints.mount(server, () -> health(holder.current()), prometheus);
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

  /** {@code UP} with the model served, or {@code WAITING_FOR_MODEL}. */
  private static Health health(ServingModel serving) {
    if (serving == null) {
      return Health.notUp("WAITING_FOR_MODEL");
    }
    Map<String, String> model = new LinkedHashMap<>();
    model.put("model", serving.name());
    model.put("version", serving.version());
    return Health.up(model);
  }
}
