package io.argus.pipeline.dashboard;

import io.argus.common.Health;
import io.argus.features.FraudV1;
import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.dashboard.access.SessionEndpoints;
import io.argus.pipeline.dashboard.access.Sessions;
import io.argus.pipeline.dashboard.access.SignInThrottle;
import io.argus.scorer.rules.RuleCompiler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations dashboard, started with one call: a background thread reads the output topics into bounded
 * aggregates and the review queue, and an HTTP server shows them in the browser, live, to signed-in users; analysts
 * decide cases and edit rules, which the dashboard writes to Kafka. {@code argus dashboard} and the demo both start
 * it with {@link #start(DashboardConfig)}; {@link #close()} stops everything.
 *
 * <pre>{@code
 * try (Dashboard dashboard = Dashboard.start(DashboardConfig.defaults(bootstrap).withUsers(users))) {
 *   System.out.println("dashboard=" + dashboard.url());
 * }
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {

  /** The dashboard's consumer groups: a fresh one per start, {@code argus-dashboard-<random>}, committing nothing. */
  public static final String GROUP_PREFIX = "argus-dashboard-";
  /**
   * The transactional ids of the dashboard's writes (verdicts and rules): one per start,
   * {@code argus-dashboard-writes-<random>}.
   */
  public static final String TRANSACTIONAL_ID_PREFIX = "argus-dashboard-writes-";

  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

  private final TopicFeed feed;
  private final Thread feedThread;
  private final SnapshotPublisher publisher;
  private final DashboardServer server;
  private final DashboardWrites writes;

  private Dashboard(TopicFeed feed, Thread feedThread, SnapshotPublisher publisher, DashboardServer server,
      DashboardWrites writes) {
    this.feed = feed;
    this.feedThread = feedThread;
    this.publisher = publisher;
    this.server = server;
    this.writes = writes;
  }

  /**
   * Starts reading the topics at {@code config.bootstrap()} and serving the page.
   *
   * @throws IllegalArgumentException when the configuration names no user
   */
  public static Dashboard start(DashboardConfig config) {
    return start(config, KafkaSettings.of(config.bootstrap()));
  }

  /**
   * Starts reading the topics, and writing verdicts and rules, as the principal of {@code kafka} (security and client
   * properties of the role; its bootstrap servers, not the config's, are used) and serving the page.
   *
   * @throws IllegalArgumentException when the configuration names no user
   */
  public static Dashboard start(DashboardConfig config, KafkaSettings kafka) {
    if (config.users() == null) {
      throw new IllegalArgumentException("the dashboard needs users (DashboardConfig.withUsers): it is not open to "
          + "anyone who can reach its port");
    }
    return start(config, TopicFeed.undecodedConsumer(kafka), new KafkaDashboardWrites(kafka), Clock.systemUTC());
  }

  /**
   * Starts with the given consumer of undecoded records (it is subscribed to the output topics), the given writes to
   * Kafka, and clock; the dashboard closes both.
   */
  static Dashboard start(DashboardConfig config, Consumer<String, byte[]> consumer, DashboardWrites writes,
      Clock clock) {
    CaseQueue cases = new CaseQueue();
    RuleBook rules = new RuleBook();
    DashboardState state = new DashboardState(config.rateWindow(), config.alertFeedSize(), config.forecastHistory(),
        cases, rules);
    SnapshotPublisher publisher = new SnapshotPublisher(state.snapshot(clock.millis()));
    Sessions sessions = new Sessions(clock);
    DashboardServer.Parts parts = new DashboardServer.Parts(publisher,
        new WhatIfProxy(config.scorerUrl(), config.whatIfTimeout()), config.scorerUrl() != null, sessions,
        new SessionEndpoints(config.users(), sessions, new SignInThrottle(clock), config.secureCookie()),
        new CaseEndpoints(cases, writes, clock),
        new RuleEndpoints(rules, new RuleCompiler(FraudV1.FEATURE_SET), writes, Backtests.of(config.offlineStore(),
            config.registry(), config.modelName(), config.alertThreshold()), clock));
    DashboardServer server;
    try {
      server = DashboardServer.start(new InetSocketAddress(config.host(), config.port()), parts);
    } catch (RuntimeException e) {
      consumer.close();
      writes.close();
      throw e;
    }
    TopicFeed feed = new TopicFeed(consumer, state, publisher, clock, config.replay(), config.caseWindow(),
        config.pushInterval());
    Thread feedThread = new Thread(feed, "dashboard-topic-feed");
    feedThread.setDaemon(true);
    feedThread.start();
    Dashboard dashboard = new Dashboard(feed, feedThread, publisher, server, writes);
    LOG.info("Dashboard on {} reading {} for {} user(s) (what-if scorer: {}; backtests: {})", dashboard.url(),
        config.bootstrap(), config.users().size(), config.scorerUrl() == null ? "none" : config.scorerUrl(),
        config.offlineStore() == null ? "none" : config.offlineStore());
    return dashboard;
  }

  /** The names of the topics a dashboard reads; they must exist before it starts. */
  public static List<String> topicNames() {
    return TopicFeed.topicNames();
  }

  /**
   * {@code UP} once the topic feed has its partitions and reads; otherwise what it waits for ({@code JOINING}) or
   * {@code FEED_STOPPED} when it stopped on an error.
   */
  public Health health() {
    if (feed.failed() || !feedThread.isAlive()) {
      return Health.notUp("FEED_STOPPED", "the dashboard stopped reading the topics (see its log)");
    }
    if (!feed.assigned()) {
      return Health.notUp("JOINING", "waiting for the partitions of " + String.join(", ", topicNames()));
    }
    return Health.up(Map.of("url", url().toString()));
  }

  /** Records read per topic since the start, unreadable ones included. */
  public Map<String, Long> recordsRead() {
    return feed.recordsRead();
  }

  /** Records per topic that did not decode. */
  public Map<String, Long> recordsUnreadable() {
    return feed.recordsUnreadable();
  }

  /** The page's address, for example {@code http://127.0.0.1:8080/}. */
  public URI url() {
    return server.uri();
  }

  @Override
  public void close() {
    feed.stop();
    publisher.close();
    server.close();
    try {
      feedThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writes.close();
    LOG.info("Dashboard on {} stopped", url());
  }
}
