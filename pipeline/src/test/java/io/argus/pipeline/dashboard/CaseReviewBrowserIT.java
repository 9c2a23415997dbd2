package io.argus.pipeline.dashboard;

import static io.argus.pipeline.dashboard.Fixtures.caseAlert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.avro.CaseDecision;
import io.argus.avro.FraudLabel;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.embedded.TopicReader;
import io.argus.pipeline.browser.HeadlessChromium;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case review in headless Chromium against a real embedded broker: an analyst signs in through the sign-in page,
 * confirms one alert and dismisses another, and the page's queue and figures follow while the verdicts land on
 * {@code fraud-labels} and {@code case-decisions}; then a viewer signs in, sees the remaining case without the verdict
 * buttons or the rule editor's publish button, and is refused (403) when the page's own session tries to decide.
 * Saves {@code target/review.png}. Skipped where Chromium is not installed ({@code ARGUS_REQUIRE_BROWSER=1} fails
 * instead).
 */
class CaseReviewBrowserIT {

  private static final Path SCREENSHOT = Path.of("target", "review.png");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String OPEN_ROWS = "document.querySelectorAll('#case-list .case-row').length";

  @TempDir
  static Path temp;
  private static EmbeddedKafkaBroker broker;
  private static Dashboard dashboard;

  @BeforeAll
  static void startDashboard() throws Exception {
    broker = EmbeddedKafkaBroker.start(0, temp.resolve("kafka"));
    TopicAdmin.createAll(broker.bootstrap());
    Instant now = Instant.now();
    try (OutputTopics topics = new OutputTopics(broker.bootstrap())) {
      topics.alert(caseAlert("t-1", now.minusSeconds(90), 0.93, true));
      topics.alert(caseAlert("t-2", now.minusSeconds(60), 0.12, false, "night-online"));
      topics.alert(caseAlert("t-3", now.minusSeconds(30), 0.81, true));
      topics.flush();
    }
    dashboard = Dashboard.start(DashboardConfig.defaults(broker.bootstrap()).withPort(0)
        .withUsers(TestUsers.users()));
  }

  @AfterAll
  static void stopDashboard() {
    if (dashboard != null) {
      dashboard.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldLetAnAnalystDecideAndAViewerOnlyLook() throws Exception {
    try (HeadlessChromium browser = HeadlessChromium.startOrSkip(temp.resolve("profile"), 1440, 1000)) {
      browser.open(dashboard.url());
      assertThat(browser.evaluate("window.location.pathname").asText()).isEqualTo("/login.html");
      signIn(browser, TestUsers.ANALYST, TestUsers.ANALYST_PASSWORD, "analyst");

      openReview(browser);
      browser.await("three open cases", OPEN_ROWS, count -> count.asInt() == 3, WAIT);
      decide(browser, "fraud-t-1", "verdict-fraud", "card holder denies it", "Confirmed fraud");
      browser.await("two open cases", OPEN_ROWS, count -> count.asInt() == 2, WAIT);
      decide(browser, "fraud-t-2", "verdict-legitimate", "customer confirmed by phone", "Dismissed as legitimate");
      browser.await("one open case", OPEN_ROWS, count -> count.asInt() == 1, WAIT);
      browser.await("the queue's figures", "[document.getElementById('kpi-open-cases').textContent,"
          + " document.getElementById('kpi-confirmed').textContent,"
          + " document.getElementById('kpi-legitimate').textContent].join(' ')",
          text -> text.asText().equals("1 1 1"), WAIT);
      assertThat(browser.evaluate("document.querySelector('#case-list .case-row').dataset.caseId").asText())
          .isEqualTo("fraud-t-3");
      browser.await("the model's precision", "(document.querySelector('#precision-models tr[data-name=\"lstm v2\"]')"
          + " || {textContent: ''}).textContent", text -> text.asText().contains("100"), WAIT);
      assertThat(browser.evaluate("document.querySelector('#precision-rules tr[data-name=\"night-online\"]')"
          + ".textContent").asText()).contains("0");
      assertThat(browser.evaluate("document.body.dataset.renderErrors || '0'").asText()).isEqualTo("0");
      browser.screenshot(SCREENSHOT);

      browser.evaluate("document.getElementById('sign-out').click()");
      browser.await("the sign-in page", "window.location.pathname", path -> path.asText().equals("/login.html"),
          WAIT);
      signIn(browser, TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD, "viewer");
      openReview(browser);
      browser.await("the remaining case", OPEN_ROWS, count -> count.asInt() == 1, WAIT);
      browser.evaluate("document.querySelector('[data-case-id=\"fraud-t-3\"]').click()");
      browser.await("the case's evidence", "document.getElementById('case-note').textContent",
          note -> note.asText().startsWith("fraud-t-3"), WAIT);
      assertThat(browser.evaluate("document.getElementById('verdict').hidden").asBoolean()).isTrue();
      assertThat(browser.evaluate("document.getElementById('rule-publish').hidden").asBoolean()).isTrue();
      JsonNode refused = browser.evaluate("fetch('/api/cases/fraud-t-3/verdict', {method: 'POST', headers: "
          + "{'Content-Type': 'application/json', 'X-CSRF-Token': page.session.csrf_token}, "
          + "body: JSON.stringify({verdict: 'FRAUD', reason: 'a viewer tries'})}).then(answer => answer.status)");
      assertThat(refused.asInt()).isEqualTo(403);
    }

    List<ConsumerRecord<String, FraudLabel>> labels = TopicReader.readAll(broker.bootstrap(), Topics.FRAUD_LABELS, 2,
        WAIT, Duration.ofSeconds(1));
    assertThat(labels).extracting(record -> record.value().getTransactionId() + "=" + record.value().getFraud())
        .containsExactlyInAnyOrder("t-1=true", "t-2=false");
    List<ConsumerRecord<String, CaseDecision>> decisions = TopicReader.readAll(broker.bootstrap(),
        Topics.CASE_DECISIONS, 2, WAIT, Duration.ofSeconds(1));
    decisions.sort(Comparator.comparing(record -> record.value().getAlertId()));
    assertThat(decisions).extracting(record -> record.value().getAlertId() + " " + record.value().getVerdict() + " by "
        + record.value().getAnalyst() + ": " + record.value().getReason())
        .containsExactly("fraud-t-1 FRAUD by ana: card holder denies it",
            "fraud-t-2 LEGITIMATE by ana: customer confirmed by phone");
  }

  private static void signIn(HeadlessChromium browser, String user, String password, String role) throws Exception {
    browser.await("the sign-in form", "!!document.getElementById('signin-form')", JsonNode::asBoolean, WAIT);
    browser.evaluate("document.getElementById('signin-user').value = '" + user + "';"
        + " document.getElementById('signin-password').value = '" + password + "';"
        + " document.getElementById('signin-submit').click()");
    browser.await("the dashboard as " + role,
        "document.body && window.location.pathname === '/' && document.body.dataset.role || ''",
        value -> value.asText().equals(role), WAIT);
  }

  private static void openReview(HeadlessChromium browser) throws Exception {
    browser.evaluate("document.querySelector('.tab[data-view=\"review\"]').click()");
    browser.await("the review view", "!document.getElementById('view-review').hidden", JsonNode::asBoolean, WAIT);
  }

  private static void decide(HeadlessChromium browser, String alertId, String button, String reason,
                             String confirmation) throws Exception {
    browser.evaluate("document.querySelector('[data-case-id=\"" + alertId + "\"]').click()");
    browser.await("the verdict buttons on " + alertId, "document.getElementById('case-note').textContent"
        + ".startsWith('" + alertId + "') && !document.getElementById('verdict').hidden", JsonNode::asBoolean, WAIT);
    browser.evaluate("document.getElementById('verdict-reason').value = '" + reason + "';"
        + " document.getElementById('" + button + "').click()");
    browser.await("the verdict recorded", "document.getElementById('verdict-message').textContent",
        text -> text.asText().startsWith(confirmation), WAIT);
  }
}
