package io.argus.pipeline.dashboard;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.argus.common.HttpErrorFormat;
import io.argus.common.HttpExchanges;
import io.argus.common.HttpStatusException;
import io.argus.features.FeatureDefinition;
import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import io.argus.model.features.NamedFeatures;
import io.argus.model.features.NamedFeaturesJson;
import io.argus.pipeline.dashboard.access.AccessFilter;
import io.argus.pipeline.dashboard.access.AccessFilter.Access;
import io.argus.pipeline.dashboard.access.SessionEndpoints;
import io.argus.pipeline.dashboard.access.Sessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dashboard's HTTP endpoints on the JDK's HTTP server: the page and its assets, the sign-in page and
 * {@code /api/login}, {@code /api/logout}, {@code /api/session}, {@code GET /api/snapshot}, {@code GET /events}
 * (server-sent events), {@code GET /api/config} (the fraud_v1 feature names and whether a scorer is configured),
 * {@code GET /api/features/{transactionId}} (an alerted transaction's features), {@code POST /api/whatif} (the scorer
 * proxy, bodies up to {@link WhatIfProxy#MAX_BODY_BYTES}), case review ({@link CaseEndpoints}) and the rule editor
 * ({@link RuleEndpoints}). An {@link AccessFilter} stands before every context: everything but the sign-in page needs a
 * session, deciding and editing rules need an analyst ({@link #access}). Every answer goes through
 * {@link HttpExchanges}; every error is a JSON object with an {@code error} message.
 */
final class DashboardServer implements AutoCloseable {

  static final int MAX_EVENT_STREAMS = 32;
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final String FEATURES_PATH = "/api/features/";

  /** The page's configuration: the feature set it edits, and whether the what-if panel has a scorer. */
  record PageConfig(
      String featureSetVersion, List<FeatureView> staticFeatures, List<FeatureView> sequenceFeatures,
      int sequenceLength, boolean scorerConfigured) {

    static PageConfig of(FeatureSet featureSet, boolean scorerConfigured) {
      return new PageConfig(featureSet.version(), views(featureSet.staticFeatures()),
          views(featureSet.sequenceStep()), featureSet.sequenceLength(), scorerConfigured);
    }

    private static List<FeatureView> views(List<FeatureDefinition> features) {
      return features.stream().map(feature -> new FeatureView(feature.name(), feature.description())).toList();
    }
  }

  record FeatureView(String name, String description) {
  }

  /** What the server serves besides the page: the snapshots, the what-if proxy, sessions, cases and rules. */
  record Parts(
      SnapshotPublisher publisher, WhatIfProxy whatIf, boolean scorerConfigured, Sessions sessions,
      SessionEndpoints signIn, CaseEndpoints cases, RuleEndpoints rules) {
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final SnapshotPublisher publisher;
  private final WhatIfProxy whatIf;
  private final byte[] pageConfig;
  private final URI uri;
  /** The features of {@code GET /api/features/{id}}, in the JSON the what-if panel edits and the scorer reads. */
  private final NamedFeaturesJson namedFeatures = new NamedFeaturesJson(FraudV1.FEATURE_SET);

  private DashboardServer(HttpServer server, ExecutorService executor, SnapshotPublisher publisher,
                          WhatIfProxy whatIf, PageConfig pageConfig) {
    this.server = server;
    this.executor = executor;
    this.publisher = publisher;
    this.whatIf = whatIf;
    this.pageConfig = Json.write(pageConfig);
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getHostString();
    this.uri = URI.create("http://" + host + ":" + bound.getPort() + "/");
  }

  /** Binds {@code address} (port 0: a free one) and starts serving. */
  static DashboardServer start(InetSocketAddress address, Parts parts) {
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("cannot resolve the host " + address.getHostString() + " to listen on");
    }
    StaticAssets assets = new StaticAssets();
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address.getHostString() + ":" + address.getPort(), e);
    }
    ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "dashboard-http");
      thread.setDaemon(true);
      return thread;
    });
    DashboardServer dashboard = new DashboardServer(server, executor, parts.publisher(), parts.whatIf(),
        PageConfig.of(FraudV1.FEATURE_SET, parts.scorerConfigured()));
    AccessFilter filter = new AccessFilter(parts.sessions(), DashboardServer::access);
    context(server, filter, "/", assets);
    context(server, filter, "/api/login", parts.signIn()::signIn);
    context(server, filter, "/api/logout", parts.signIn()::signOut);
    context(server, filter, "/api/session", parts.signIn()::session);
    context(server, filter, "/api/snapshot", dashboard::snapshot);
    context(server, filter, "/api/config", dashboard::config);
    context(server, filter, FEATURES_PATH, dashboard::features);
    context(server, filter, "/api/whatif", dashboard::whatIf);
    context(server, filter, "/api/cases", parts.cases()::handle);
    context(server, filter, "/api/rules", parts.rules()::handle);
    context(server, filter, "/events", new EventStream(parts.publisher(), MAX_EVENT_STREAMS, KEEP_ALIVE));
    server.setExecutor(executor);
    server.start();
    return dashboard;
  }

  /**
   * What a request needs: the sign-in page, its script, the style sheet and signing in are public; deciding a case
   * and checking, backtesting, publishing or retiring a rule need an analyst; everything else a session.
   */
  static Access access(String method, String path) {
    if ("GET".equals(method) && (path.equals(AccessFilter.SIGN_IN_PAGE) || path.equals("/login.js")
        || path.equals("/style.css"))) {
      return Access.PUBLIC;
    }
    if (path.equals("/api/login")) {
      return Access.PUBLIC;
    }
    boolean verdict = path.startsWith("/api/cases/") && path.endsWith("/verdict");
    boolean ruleChange = path.startsWith("/api/rules") && !"GET".equals(method);
    return verdict || ruleChange ? Access.ANALYST : Access.SIGNED_IN;
  }

  private static void context(HttpServer server, AccessFilter filter, String path, HttpHandler handler) {
    HttpContext context = server.createContext(path, handler);
    context.getFilters().add(filter);
  }

  /** {@code http://host:port/}, with the port actually bound ({@code localhost} when bound to every interface). */
  URI uri() {
    return uri;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void snapshot(HttpExchange exchange) throws IOException {
    if (exactPath(exchange, "/api/snapshot") && HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "GET")) {
      HttpExchanges.send(exchange, 200, HttpExchanges.JSON, publisher.latest().json());
    }
  }

  private void config(HttpExchange exchange) throws IOException {
    if (exactPath(exchange, "/api/config") && HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "GET")) {
      HttpExchanges.send(exchange, 200, HttpExchanges.JSON, pageConfig);
    }
  }

  private void features(HttpExchange exchange) throws IOException {
    if (!HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "GET")) {
      return;
    }
    String transactionId = URLDecoder.decode(
        exchange.getRequestURI().getRawPath().substring(FEATURES_PATH.length()), StandardCharsets.UTF_8);
    NamedFeatures features = publisher.latest().alertFeatures().get(transactionId);
    if (features == null) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 404, "the features of transaction '" + transactionId
          + "' are not held: the "
          + "dashboard keeps them only for the alerts in its feed, once it has read them from the features topic");
      return;
    }
    HttpExchanges.send(exchange, 200, HttpExchanges.JSON, namedFeatures.write(features));
  }

  private void whatIf(HttpExchange exchange) throws IOException {
    if (!exactPath(exchange, "/api/whatif") || !HttpExchanges.requireMethod(exchange, HttpErrorFormat.JSON, "POST")) {
      return;
    }
    byte[] body;
    try {
      body = HttpExchanges.readBody(exchange, WhatIfProxy.MAX_BODY_BYTES);
    } catch (HttpStatusException e) {
      HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, e.status(), e.getMessage());
      return;
    }
    WhatIfProxy.Answer answer = whatIf.forward(body);
    HttpExchanges.send(exchange, answer.status(), HttpExchanges.JSON, answer.json());
  }

  /** Answers 404 and returns false unless the path is exactly {@code path} (contexts match by prefix). */
  private static boolean exactPath(HttpExchange exchange, String path) throws IOException {
    if (path.equals(exchange.getRequestURI().getPath())) {
      return true;
    }
    HttpExchanges.sendError(exchange, HttpErrorFormat.JSON, 404, "no such endpoint: "
        + exchange.getRequestURI().getPath());
    return false;
  }
}
