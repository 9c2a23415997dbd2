package io.argus.pipeline.dashboard;

import static io.argus.pipeline.dashboard.Fixtures.caseAlert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.avro.CaseDecision;
import io.argus.avro.FraudLabel;
import io.argus.avro.RiskRule;
import io.argus.avro.Verdict;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.embedded.TopicReader;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst's loop on the embedded broker: alerts on {@code alerts} become open cases; an analyst's confirm and
 * dismiss become a {@code FraudLabel} on {@code fraud-labels} and a {@code CaseDecision} on {@code case-decisions}
 * naming the analyst; a viewer is refused; a second dashboard started on the same topics rebuilds the same queue. An
 * analyst's rule reaches the rules topic with its author; a viewer's and one that does not compile do not.
 */
class CaseReviewIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path temp;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(0, temp.resolve("kafka"));
    TopicAdmin.createAll(broker.bootstrap());
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldWriteVerdictsAsLabelsAndAuditRecordsAndRebuildTheQueueAfterARestart() throws Exception {
    Instant now = Instant.now();
    try (OutputTopics topics = new OutputTopics(broker.bootstrap())) {
      topics.alert(caseAlert("t-1", now.minusSeconds(90), 0.93, true));
      topics.alert(caseAlert("t-2", now.minusSeconds(60), 0.12, false, "night-online"));
      topics.alert(caseAlert("t-3", now.minusSeconds(30), 0.81, true));
      topics.flush();
    }

    try (Dashboard first = start()) {
      DashboardClient analyst = new DashboardClient(first.url())
          .signedInAs(TestUsers.ANALYST, TestUsers.ANALYST_PASSWORD);
      DashboardClient viewer = new DashboardClient(first.url())
          .signedInAs(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
      await(analyst, "/api/cases?status=open", answer -> answer.get("cases").size() == 3);

      assertThat(viewer.post("/api/cases/fraud-t-1/verdict", verdict("FRAUD", "the viewer tries")).statusCode())
          .isEqualTo(403);
      assertThat(analyst.post("/api/cases/fraud-t-1/verdict", verdict("FRAUD", "card holder denies it"))
          .statusCode()).isEqualTo(200);
      assertThat(analyst.post("/api/cases/fraud-t-2/verdict", verdict("LEGITIMATE", "customer confirmed by phone"))
          .statusCode()).isEqualTo(200);
      assertThat(analyst.post("/api/cases/fraud-t-1/verdict", verdict("LEGITIMATE", "twice")).statusCode())
          .isEqualTo(409);

      JsonNode open = DashboardClient.json(analyst.get("/api/cases?status=open"));
      assertThat(open.get("cases")).hasSize(1).extracting(node -> node.get("alert_id").asText())
          .containsExactly("fraud-t-3");
    }

    List<ConsumerRecord<String, FraudLabel>> labels = TopicReader.readAll(broker.bootstrap(), Topics.FRAUD_LABELS, 2,
        WAIT, Duration.ofSeconds(1));
    assertThat(labels).hasSize(2);
    labels.sort(Comparator.comparing(record -> record.value().getTransactionId()));
    assertThat(labels).extracting(record -> record.value().getTransactionId()).containsExactly("t-1", "t-2");
    assertThat(labels).extracting(record -> record.value().getFraud()).containsExactly(true, false);
    assertThat(labels).extracting(ConsumerRecord::key).containsOnly(Fixtures.CARD);
    assertThat(labels.get(0).value().getReportedAt()).isAfterOrEqualTo(now.truncatedTo(ChronoUnit.MILLIS));
    assertThat(labels.get(0).value().getTransactionTime()).isEqualTo(now.minusSeconds(92)
        .truncatedTo(ChronoUnit.MILLIS));

    List<ConsumerRecord<String, CaseDecision>> decisions = TopicReader.readAll(broker.bootstrap(),
        Topics.CASE_DECISIONS, 2, WAIT, Duration.ofSeconds(1));
    assertThat(decisions).hasSize(2);
    decisions.sort(Comparator.comparing(record -> record.value().getAlertId()));
    assertThat(decisions).extracting(ConsumerRecord::key).containsExactly("fraud-t-1", "fraud-t-2");
    assertThat(decisions).extracting(record -> record.value().getVerdict())
        .containsExactly(Verdict.FRAUD, Verdict.LEGITIMATE);
    assertThat(decisions).extracting(record -> record.value().getAnalyst()).containsOnly(TestUsers.ANALYST);
    assertThat(decisions).extracting(record -> new String(record.headers().lastHeader("author").value(),
        StandardCharsets.UTF_8)).containsOnly(TestUsers.ANALYST);
    assertThat(decisions.get(0).value().getReason()).isEqualTo("card holder denies it");
    assertThat(decisions.get(1).value().getRules()).containsExactly("night-online");
    assertThat(decisions.get(0).value().getModelVersion()).isEqualTo("v2");

    try (Dashboard restarted = start()) {
      DashboardClient analyst = new DashboardClient(restarted.url())
          .signedInAs(TestUsers.ANALYST, TestUsers.ANALYST_PASSWORD);
      JsonNode answer = await(analyst, "/api/cases?status=open",
          reply -> reply.at("/summary/confirmed_fraud").asLong() == 1 && reply.at("/summary/legitimate").asLong() == 1
              && reply.get("cases").size() == 1);
      assertThat(answer.at("/cases/0/alert_id").asText()).isEqualTo("fraud-t-3");
      assertThat(answer.at("/summary/open").asInt()).isEqualTo(1);
      assertThat(answer.at("/summary/oldest_open_age_seconds").asLong()).isGreaterThanOrEqualTo(30);
      assertThat(answer.at("/summary/by_model/0/name").asText()).isEqualTo("lstm v2");
      assertThat(answer.at("/summary/by_model/0/confirmed").asLong()).isEqualTo(1);
      assertThat(answer.at("/summary/by_rule/0/name").asText()).isEqualTo("night-online");
      assertThat(answer.at("/summary/by_rule/0/precision").asDouble()).isEqualTo(0.0);
      assertThat(analyst.post("/api/cases/fraud-t-2/verdict", verdict("FRAUD", "again")).statusCode())
          .isEqualTo(409);
    }
  }

  @Test
  void shouldPublishAnAnalystsRuleWithItsAuthorAndRefuseAViewers() throws Exception {
    try (Dashboard dashboard = start()) {
      DashboardClient analyst = new DashboardClient(dashboard.url())
          .signedInAs(TestUsers.ANALYST, TestUsers.ANALYST_PASSWORD);
      DashboardClient viewer = new DashboardClient(dashboard.url())
          .signedInAs(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);

      assertThat(viewer.post("/api/rules", "{\"id\":\"viewer-rule\",\"expression\":\"TX_AMOUNT > 1.0\","
          + "\"action\":\"DECLINE\"}").statusCode()).isEqualTo(403);
      assertThat(analyst.post("/api/rules", "{\"id\":\"typo\",\"expression\":\"TX_AMOUT > 220.0\","
          + "\"action\":\"REVIEW\"}").statusCode()).isEqualTo(400);
      assertThat(analyst.post("/api/rules", "{\"id\":\"big-amount\",\"expression\":\"TX_AMOUNT > 220.0\","
          + "\"action\":\"REVIEW\",\"description\":\"large amounts\"}").statusCode()).isEqualTo(200);

      List<ConsumerRecord<String, RiskRule>> rules = TopicReader.readAll(broker.bootstrap(), Topics.RULES, 1, WAIT,
          Duration.ofSeconds(1));
      assertThat(rules).extracting(ConsumerRecord::key).containsExactly("big-amount");
      assertThat(rules.get(0).value().getAuthor()).isEqualTo(TestUsers.ANALYST);
      assertThat(rules.get(0).value().getExpression()).isEqualTo("TX_AMOUNT > 220.0");
      assertThat(new String(rules.get(0).headers().lastHeader("author").value(), StandardCharsets.UTF_8))
          .isEqualTo(TestUsers.ANALYST);
      await(analyst, "/api/rules", answer -> answer.toString().contains("big-amount"));
    }
  }

  private static Dashboard start() {
    return Dashboard.start(DashboardConfig.defaults(broker.bootstrap()).withPort(0).withUsers(TestUsers.users()));
  }

  private static String verdict(String verdict, String reason) {
    return "{\"verdict\":\"" + verdict + "\",\"reason\":\"" + reason + "\"}";
  }

  private static JsonNode await(DashboardClient client, String path, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode answer = DashboardClient.json(client.get(path));
    while (!condition.test(answer)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + WAIT.toSeconds() + " s on " + path + "; last answer: " + answer);
      }
      Thread.sleep(200);
      answer = DashboardClient.json(client.get(path));
    }
    return answer;
  }
}
