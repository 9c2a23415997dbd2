package io.argus.pipeline.dashboard;

import static io.argus.pipeline.dashboard.Fixtures.T0;
import static io.argus.pipeline.dashboard.Fixtures.caseAlert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.avro.CaseDecision;
import io.argus.avro.FraudLabel;
import io.argus.avro.Verdict;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Case review over HTTP against fake Kafka writes: lists, a case's evidence, verdicts and their records. */
class CaseEndpointsTest {

  private static final Instant DECIDED_AT = T0.plus(Duration.ofMinutes(3));
  private TestServer test;
  private DashboardClient analyst;

  @BeforeEach
  void startServer() throws Exception {
    test = new TestServer(Clock.fixed(DECIDED_AT, ZoneOffset.UTC));
    test.state.onAlert(caseAlert("t-1", T0, 0.93, true), T0.toEpochMilli());
    test.state.onAlert(caseAlert("t-2", T0.plusSeconds(30), 0.12, false, "night-online"), T0.toEpochMilli());
    analyst = test.client().signedInAs(TestUsers.ANALYST, TestUsers.ANALYST_PASSWORD);
  }

  @AfterEach
  void stopServer() {
    test.close();
  }

  @Test
  void shouldListTheOpenCasesOldestFirstWithTheQueuesFigures() throws Exception {
    JsonNode answer = DashboardClient.json(analyst.get("/api/cases?status=open"));

    assertThat(answer.get("cases")).hasSize(2);
    assertThat(answer.at("/cases/0/alert_id").asText()).isEqualTo("fraud-t-1");
    assertThat(answer.at("/cases/1/rules/0").asText()).isEqualTo("night-online");
    assertThat(answer.at("/cases/1/model_alerted").asBoolean()).isFalse();
    assertThat(answer.at("/summary/open").asInt()).isEqualTo(2);
    assertThat(answer.at("/summary/oldest_open_age_seconds").asLong()).isEqualTo(180);
  }

  @Test
  void shouldShowACaseWithItsExplanationFeaturesAndRecentTransactions() throws Exception {
    JsonNode detail = DashboardClient.json(analyst.get("/api/cases/fraud-t-1"));

    assertThat(detail.at("/item/status").asText()).isEqualTo("OPEN");
    assertThat(detail.at("/contributions/0/name").asText()).isEqualTo("TX_AMOUNT");
    assertThat(detail.at("/features/TX_AMOUNT").asDouble()).isEqualTo(950.0);
    assertThat(detail.get("recent_transactions")).hasSize(3);
    assertThat(detail.at("/recent_transactions/2/amount").asDouble()).isEqualTo(950.0);
    assertThat(analyst.get("/api/cases/fraud-t-9").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldWriteALabelReportedNowAndAnAuditRecordNamingTheAnalystThenTakeTheCaseOut() throws Exception {
    HttpResponse<String> answer = analyst.post("/api/cases/fraud-t-2/verdict",
        "{\"verdict\":\"FRAUD\",\"reason\":\"cardholder denies it\"}");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    FraudLabel label = test.writes.labels.get(0);
    assertThat(label.getTransactionId()).isEqualTo("t-2");
    assertThat(label.getFraud()).isTrue();
    assertThat(label.getReportedAt()).isEqualTo(DECIDED_AT);
    assertThat(label.getTransactionTime()).isEqualTo(T0.plusSeconds(28));
    assertThat(label.getCardToken()).isEqualTo(Fixtures.CARD);
    assertThat(label.getCustomerId()).isEqualTo("customer-1");
    CaseDecision decision = test.writes.decisions.get(0);
    assertThat(decision.getAlertId()).isEqualTo("fraud-t-2");
    assertThat(decision.getVerdict()).isEqualTo(Verdict.FRAUD);
    assertThat(decision.getAnalyst()).isEqualTo(TestUsers.ANALYST);
    assertThat(decision.getReason()).isEqualTo("cardholder denies it");
    assertThat(decision.getDecidedAt()).isEqualTo(DECIDED_AT);
    assertThat(decision.getModelAlerted()).isFalse();
    assertThat(decision.getRules()).containsExactly("night-online");
    assertThat(decision.getScore()).isEqualTo(0.12);
    assertThat(test.cases.openCase("fraud-t-2")).isEmpty();
    assertThat(DashboardClient.json(analyst.get("/api/cases?status=fraud")).at("/cases/0/analyst").asText())
        .isEqualTo(TestUsers.ANALYST);
  }

  @Test
  void shouldDismissACaseAsLegitimateWithAFalseLabel() throws Exception {
    HttpResponse<String> answer = analyst.post("/api/cases/fraud-t-1/verdict",
        "{\"verdict\":\"legitimate\",\"reason\":\"regular customer, known merchant\"}");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(test.writes.labels.get(0).getFraud()).isFalse();
    assertThat(test.writes.decisions.get(0).getVerdict()).isEqualTo(Verdict.LEGITIMATE);
  }

  @Test
  void shouldAnswer409ToASecondVerdictNamingWhoDecidedFirst() throws Exception {
    analyst.post("/api/cases/fraud-t-1/verdict", "{\"verdict\":\"FRAUD\",\"reason\":\"first\"}");

    HttpResponse<String> second = analyst.post("/api/cases/fraud-t-1/verdict",
        "{\"verdict\":\"LEGITIMATE\",\"reason\":\"second\"}");

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.body()).contains("already decided: FRAUD by ana");
    assertThat(test.writes.decisions).hasSize(1);
  }

  @Test
  void shouldRefuseAVerdictWithoutAReasonOrWithAnUnknownValue() throws Exception {
    HttpResponse<String> noReason = analyst.post("/api/cases/fraud-t-1/verdict", "{\"verdict\":\"FRAUD\"}");
    HttpResponse<String> unknown = analyst.post("/api/cases/fraud-t-1/verdict",
        "{\"verdict\":\"MAYBE\",\"reason\":\"unsure\"}");
    HttpResponse<String> noCase = analyst.post("/api/cases/fraud-t-9/verdict",
        "{\"verdict\":\"FRAUD\",\"reason\":\"sure\"}");

    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("give a reason");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("FRAUD or LEGITIMATE, got 'MAYBE'");
    assertThat(noCase.statusCode()).isEqualTo(404);
    assertThat(test.writes.decisions).isEmpty();
  }

  @Test
  void shouldKeepTheCaseOpenWhenKafkaRefusesTheVerdict() throws Exception {
    test.writes.failing = true;

    HttpResponse<String> answer = analyst.post("/api/cases/fraud-t-1/verdict",
        "{\"verdict\":\"FRAUD\",\"reason\":\"stolen\"}");

    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(answer.body()).contains("the verdict was not recorded");
    assertThat(test.cases.openCase("fraud-t-1")).isPresent();
  }
}
