package io.argus.pipeline.dashboard;

import static io.argus.pipeline.dashboard.Fixtures.T0;
import static io.argus.pipeline.dashboard.Fixtures.feature;
import static io.argus.pipeline.dashboard.Fixtures.features;
import static io.argus.pipeline.dashboard.Fixtures.fraudAlert;
import static io.argus.pipeline.dashboard.Fixtures.rejected;
import static io.argus.pipeline.dashboard.Fixtures.score;
import static io.argus.pipeline.dashboard.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.avro.RejectReason;
import io.argus.common.HttpExchanges;
import io.argus.features.FraudV1;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardServerTest {

  private static final long NOW = T0.toEpochMilli();
  private TestServer test;
  private DashboardState state;
  private SnapshotPublisher publisher;
  private DashboardClient client;

  @BeforeEach
  void startServer() throws Exception {
    test = new TestServer(Clock.fixed(T0, ZoneOffset.UTC));
    state = test.state;
    publisher = test.publisher;
    client = test.client().signedInAs(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
  }

  @AfterEach
  void stopServer() {
    test.close();
  }

  @Test
  void shouldServeTheLatestSnapshotAsJson() throws Exception {
    state.onTransaction(tx("t-1", 1_000, T0), NOW - 2_000);
    state.onScore(score("t-1", 0.93), NOW - 2_000);
    state.onFeatures(features("t-1"));
    state.onAlert(fraudAlert("a-1", "t-1", T0, feature("TX_AMOUNT", 0.41, 950.0)), NOW - 2_000);
    state.onRejected(rejected(RejectReason.INVALID_AMOUNT), NOW - 2_000);
    publisher.publish(state.snapshot(NOW), state.alertFeatures());

    HttpResponse<String> response = get("/api/snapshot");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(HttpExchanges.JSON);
    JsonNode snapshot = Json.read(response.body().getBytes(StandardCharsets.UTF_8));
    assertThat(snapshot.get("generated_at").asLong()).isEqualTo(NOW);
    assertThat(snapshot.at("/rates/transactions_per_second").asDouble()).isEqualTo(0.1);
    assertThat(snapshot.at("/records_by_topic/transactions").asLong()).isEqualTo(1);
    assertThat(snapshot.at("/scores/histogram/18").asLong()).isEqualTo(1);
    assertThat(snapshot.at("/latency/total/p50").asDouble()).isCloseTo(12.0, withinPercentage(0.1));
    assertThat(snapshot.at("/alerts/recent/0/alert_id").asText()).isEqualTo("a-1");
    assertThat(snapshot.at("/alerts/recent/0/features_held").asBoolean()).isTrue();
    assertThat(snapshot.at("/alerts/recent/0/contributions/0/name").asText()).isEqualTo("TX_AMOUNT");
    assertThat(snapshot.at("/alerts/recent/0/contributions/0/value").asDouble()).isEqualTo(0.41);
    assertThat(snapshot.at("/dead_letters/by_reason/INVALID_AMOUNT").asLong()).isEqualTo(1);
  }

  @Test
  void shouldStreamEachPublishedSnapshotAsOneServerSentEvent() throws Exception {
    HttpResponse<InputStream> response = client.send(client.request("/events"),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");

    try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(readEvent(events)).containsExactly("retry: 2000");
      List<String> first = readEvent(events);
      assertThat(first).hasSize(3);
      assertThat(first.get(0)).isEqualTo("id: 0");
      assertThat(first.get(1)).isEqualTo("event: snapshot");
      assertThat(first.get(2)).startsWith("data: {").endsWith("}");

      state.onTransaction(tx("t-1", 1_000, T0), NOW - 2_000);
      publisher.publish(state.snapshot(NOW + 1_000), state.alertFeatures());
      List<String> second = readEvent(events);

      assertThat(second.get(0)).isEqualTo("id: 1");
      JsonNode snapshot = Json.read(second.get(2).substring("data: ".length()).getBytes(StandardCharsets.UTF_8));
      assertThat(snapshot.get("generated_at").asLong()).isEqualTo(NOW + 1_000);
      assertThat(snapshot.at("/records_by_topic/transactions").asLong()).isEqualTo(1);
    }
  }

  @Test
  void shouldServeThePageAndTheChartingLibraryFromTheClasspath() throws Exception {
    HttpResponse<String> page = get("/");
    HttpResponse<String> charts = get("/vendor/echarts.min.js");
    HttpResponse<String> script = get("/app.js");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        policy -> assertThat(policy).startsWith("default-src 'self'"));
    assertThat(page.body()).contains("<title>Argus").contains("/vendor/echarts.min.js");
    assertThat(charts.statusCode()).isEqualTo(200);
    assertThat(charts.body()).hasSizeGreaterThan(500_000).contains("echarts");
    assertThat(script.body()).contains("new EventSource('/events')");
  }

  @Test
  void shouldGiveThePageTheFeatureNamesOfTheFraudV1Declaration() throws Exception {
    JsonNode config = Json.read(get("/api/config").body().getBytes(StandardCharsets.UTF_8));

    List<String> names = new ArrayList<>();
    config.get("static_features").forEach(feature -> names.add(feature.get("name").asText()));
    assertThat(names).isEqualTo(FraudV1.FEATURE_SET.staticNames());
    assertThat(config.get("sequence_features")).hasSize(FraudV1.FEATURE_SET.sequenceStep().size());
    assertThat(config.get("sequence_length").asInt()).isEqualTo(FraudV1.SEQUENCE_LENGTH);
    assertThat(config.get("scorer_configured").asBoolean()).isFalse();
  }

  @Test
  void shouldServeTheNamedFeaturesOfAnAlertedTransactionOnly() throws Exception {
    state.onFeatures(features("t 1/a"));
    state.onFeatures(features("t-quiet"));
    state.onAlert(fraudAlert("a-1", "t 1/a", T0), NOW);
    publisher.publish(state.snapshot(NOW), state.alertFeatures());

    HttpResponse<String> held = get("/api/features/t%201%2Fa");
    HttpResponse<String> quiet = get("/api/features/t-quiet");

    assertThat(held.statusCode()).isEqualTo(200);
    JsonNode features = Json.read(held.body().getBytes(StandardCharsets.UTF_8));
    assertThat(features.get("transaction_id").asText()).isEqualTo("t 1/a");
    assertThat(features.at("/features/TX_AMOUNT").asDouble()).isEqualTo(1.0);
    assertThat(features.get("sequence")).hasSize(FraudV1.SEQUENCE_LENGTH);
    assertThat(quiet.statusCode()).isEqualTo(404);
    assertThat(quiet.body()).contains("not held");
  }

  @Test
  void shouldAnswerTheWhatIfPanelThatNoScorerIsConfigured() throws Exception {
    HttpResponse<String> response = client.post("/api/whatif", "{\"features\":{}}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Json.read(response.body().getBytes(StandardCharsets.UTF_8)).get("error").asText())
        .contains("--scorer-url");
  }

  @Test
  void shouldRefuseAWhatIfBodyOverTheLimitWith413() throws Exception {
    String large = "{\"features\":{\"TX_AMOUNT\":\"" + "9".repeat(WhatIfProxy.MAX_BODY_BYTES) + "\"}}";

    HttpResponse<String> response = client.post("/api/whatif", large);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(HttpExchanges.JSON);
    assertThat(Json.read(response.body().getBytes(StandardCharsets.UTF_8)).get("error").asText())
        .isEqualTo("the request body is larger than " + WhatIfProxy.MAX_BODY_BYTES + " bytes");
  }

  @Test
  void shouldAnswerUnknownPathsAndWrongMethodsWithJsonErrors() throws Exception {
    HttpResponse<String> unknown = get("/api/snapshots");
    HttpResponse<String> wrongMethod = client.post("/api/snapshot", "");
    HttpResponse<String> whatIfByGet = get("/api/whatif");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"error\"");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
    assertThat(wrongMethod.headers().firstValue("Content-Type")).hasValue(HttpExchanges.JSON);
    assertThat(wrongMethod.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(whatIfByGet.statusCode()).isEqualTo(405);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.get(path);
  }

  /** The lines of the next server-sent event, without its blank terminator line. */
  private static List<String> readEvent(BufferedReader events) throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = events.readLine()) != null && !line.isEmpty()) {
      lines.add(line);
    }
    return lines;
  }
}
