package io.argus.pipeline.dashboard;

import io.argus.features.FraudV1;
import io.argus.pipeline.dashboard.access.SessionEndpoints;
import io.argus.pipeline.dashboard.access.Sessions;
import io.argus.pipeline.dashboard.access.SignInThrottle;
import io.argus.scorer.rules.RuleCompiler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * A dashboard server on a free port with everything behind it in memory: the state, the review queue, the rules, the
 * writes to Kafka ({@link FakeWrites}) and the test users; backtests when given an offline store.
 */
final class TestServer implements AutoCloseable {

  final CaseQueue cases = new CaseQueue();
  final RuleBook rules = new RuleBook();
  final DashboardState state = new DashboardState(Duration.ofSeconds(10), 50, Duration.ofHours(3), cases, rules);
  final FakeWrites writes = new FakeWrites();
  final SnapshotPublisher publisher;
  final DashboardServer server;

  TestServer(Clock clock) {
    this(clock, Backtests.none(), new WhatIfProxy(null, Duration.ofSeconds(1)), false);
  }

  TestServer(Clock clock, Backtests backtests, WhatIfProxy whatIf, boolean scorerConfigured) {
    publisher = new SnapshotPublisher(state.snapshot(clock.millis()));
    Sessions sessions = new Sessions(clock);
    server = DashboardServer.start(new InetSocketAddress("127.0.0.1", 0), new DashboardServer.Parts(publisher,
        whatIf, scorerConfigured, sessions,
        new SessionEndpoints(TestUsers.users(), sessions, new SignInThrottle(clock), false),
        new CaseEndpoints(cases, writes, clock),
        new RuleEndpoints(rules, new RuleCompiler(FraudV1.FEATURE_SET), writes, backtests, clock)));
  }

  URI uri() {
    return server.uri();
  }

  DashboardClient client() {
    return new DashboardClient(server.uri());
  }

  /** Publishes a snapshot of the state as it is now. */
  void publish(long nowMillis) {
    publisher.publish(state.snapshot(nowMillis), state.alertFeatures());
  }

  @Override
  public void close() {
    publisher.close();
    server.close();
  }
}
