package io.argus.pipeline.dashboard;

import static io.argus.pipeline.rules.OfflineFixture.DAY_ONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.pipeline.rules.OfflineFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule editor over HTTP against fake Kafka writes and a small offline store. */
class RuleEndpointsTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private TestServer test;
  private DashboardClient analyst;

  @TempDir
  Path directory;

  @BeforeEach
  void startServer() throws Exception {
    Path store = new OfflineFixture(directory.resolve("offline"))
        .transaction(DAY_ONE, 10, "c-1", false)
        .transaction(DAY_ONE, 300, "c-9", true)
        .transaction(DAY_ONE, 250, "c-2", false)
        .write();
    test = new TestServer(Clock.fixed(NOW, ZoneOffset.UTC), Backtests.of(store, null, "lstm", 0.5),
        new WhatIfProxy(null, Duration.ofSeconds(1)), false);
    analyst = test.client().signedInAs(TestUsers.ANALYST, TestUsers.ANALYST_PASSWORD);
  }

  @AfterEach
  void stopServer() {
    test.close();
  }

  @Test
  void shouldDescribeTheNamesARuleMayUseAndTheStoreBacktestsRead() throws Exception {
    JsonNode overview = DashboardClient.json(analyst.get("/api/rules"));

    assertThat(overview.get("variables").findValuesAsText("name")).contains("TX_AMOUNT", "SEQ_AMOUNT", "customer_id",
        "event_time", "score");
    assertThat(overview.at("/backtest/available").asBoolean()).isTrue();
    assertThat(overview.at("/backtest/first_day").asText()).isEqualTo("2018-08-01");
    assertThat(overview.get("rules")).isEmpty();
  }

  @Test
  void shouldCheckARuleWithTheScorersCompiler() throws Exception {
    HttpResponse<String> good = analyst.post("/api/rules/check", "{\"expression\":\"TX_AMOUNT > 220 && score > 0.3\"}");
    HttpResponse<String> typo = analyst.post("/api/rules/check", "{\"expression\":\"TX_AMOUT > 220.0\"}");

    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(good.body()).contains("\"TX_AMOUNT\"", "\"score\"");
    assertThat(typo.statusCode()).isEqualTo(400);
    assertThat(typo.body()).contains("'TX_AMOUT' is not a name rules know (did you mean 'TX_AMOUNT'?)");
  }

  @Test
  void shouldPublishANewVersionAuthoredByTheSignedInAnalyst() throws Exception {
    HttpResponse<String> first = analyst.post("/api/rules", "{\"id\":\"big-amount\",\"expression\":"
        + "\"TX_AMOUNT > 220.0\",\"action\":\"REVIEW\",\"description\":\"large for this population\"}");
    HttpResponse<String> second = analyst.post("/api/rules", "{\"id\":\"big-amount\",\"expression\":"
        + "\"TX_AMOUNT > 500.0\",\"action\":\"DECLINE\"}");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(test.writes.published).extracting(RiskRule::getVersion).containsExactly(1, 2);
    RiskRule published = test.writes.published.get(1);
    assertThat(published.getAuthor()).isEqualTo(TestUsers.ANALYST);
    assertThat(published.getAction()).isEqualTo(RuleAction.DECLINE);
    assertThat(published.getPublishedAt()).isEqualTo(NOW);
    assertThat(test.rules.inForce("big-amount").orElseThrow().getVersion()).isEqualTo(2);
  }

  @Test
  void shouldRefuseARuleThatDoesNotCompileAndPublishNothing() throws Exception {
    HttpResponse<String> unknown = analyst.post("/api/rules", "{\"id\":\"typo\",\"expression\":"
        + "\"AMOUNT > 220.0\",\"action\":\"DECLINE\"}");
    HttpResponse<String> badId = analyst.post("/api/rules", "{\"id\":\"two words\",\"expression\":"
        + "\"TX_AMOUNT > 220.0\",\"action\":\"DECLINE\"}");
    HttpResponse<String> badAction = analyst.post("/api/rules", "{\"id\":\"x\",\"expression\":"
        + "\"TX_AMOUNT > 220.0\",\"action\":\"BLOCK\"}");

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("refused, nothing published: rule 'typo': 'AMOUNT' is not a name rules know");
    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(badAction.statusCode()).isEqualTo(400);
    assertThat(badAction.body()).contains("REVIEW, DECLINE or ALLOW, got 'BLOCK'");
    assertThat(test.writes.published).isEmpty();
  }

  @Test
  void shouldRetireARuleInForceWithItsAuthorAndAnswer404ForAnUnknownOne() throws Exception {
    analyst.post("/api/rules", "{\"id\":\"big-amount\",\"expression\":\"TX_AMOUNT > 220.0\",\"action\":\"REVIEW\"}");

    HttpResponse<String> retired = analyst.delete("/api/rules/big-amount");
    HttpResponse<String> unknown = analyst.delete("/api/rules/never-was");

    assertThat(retired.statusCode()).isEqualTo(200);
    assertThat(test.writes.retired).containsExactly("big-amount by ana");
    assertThat(test.rules.inForce("big-amount")).isEmpty();
    assertThat(test.rules.view().changes()).extracting(RuleBook.Change::kind).containsExactly("RETIRED", "PUBLISHED");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void shouldBacktestARuleOverTheOfflineStore() throws Exception {
    HttpResponse<String> answer = analyst.post("/api/rules/backtest", "{\"expression\":\"TX_AMOUNT > 220.0\","
        + "\"action\":\"REVIEW\",\"from\":\"2018-08-01\",\"days\":2}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode report = DashboardClient.json(answer);
    assertThat(report.get("hits").asLong()).isEqualTo(2);
    assertThat(report.get("fraud_hits").asLong()).isEqualTo(1);
    assertThat(report.get("hits_per_day")).hasSize(2);
    assertThat(report.get("model").isNull()).isTrue();
  }

  @Test
  void shouldRefuseABacktestOfAScoreRuleWithoutAModelOrOfABadDay() throws Exception {
    HttpResponse<String> score = analyst.post("/api/rules/backtest", "{\"expression\":\"score > 0.5\","
        + "\"from\":\"2018-08-01\"}");
    HttpResponse<String> badDay = analyst.post("/api/rules/backtest", "{\"expression\":\"TX_AMOUNT > 1.0\","
        + "\"from\":\"yesterday\"}");

    assertThat(score.statusCode()).isEqualTo(400);
    assertThat(score.body()).contains("give a model");
    assertThat(badDay.statusCode()).isEqualTo(400);
    assertThat(badDay.body()).contains("from is a day such as 2018-08-01");
  }
}
