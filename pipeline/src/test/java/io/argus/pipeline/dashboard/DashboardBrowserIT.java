package io.argus.pipeline.dashboard;

import static io.argus.pipeline.dashboard.Fixtures.feature;
import static io.argus.pipeline.dashboard.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Contribution;
import io.argus.avro.FeatureVector;
import io.argus.avro.Forecast;
import io.argus.avro.ForecastPoint;
import io.argus.avro.RejectReason;
import io.argus.avro.ReleaseStatus;
import io.argus.avro.Severity;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.features.FraudV1;
import io.argus.pipeline.browser.HeadlessChromium;
import io.argus.schemas.TopicAdmin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium against a real embedded broker: records go to the output topics through the
 * catalogue's serdes while the page is open; the page's live numbers must move, a fraud alert must show its
 * explanation bars, and the what-if panel must rescore it through the dashboard's proxy. Saves
 * {@code target/dashboard.png}. Signs in as a viewer first. Skipped where Chromium is not installed.
 */
class DashboardBrowserIT {

  private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
  private static final String ALERTED = "t-000417";
  private static final String TRANSACTIONS_READ =
      "Number(document.getElementById('kpi-transactions-total').textContent.replaceAll(',', ''))";
  /** The scorer's answer to the what-if request, in the shape of its {@code POST /score}. */
  private static final String RESCORED = "{\"transaction_id\":\"" + ALERTED + "\",\"score\":0.118,"
      + "\"decision\":\"APPROVE\",\"alert\":false,\"model\":{\"name\":\"lstm\",\"version\":\"v2\"},"
      + "\"explanation\":{\"base_value\":0.031,\"contributions\":["
      + "{\"name\":\"TX_AMOUNT\",\"value\":0.061,\"feature_value\":95.0},"
      + "{\"name\":\"event[-1]\",\"value\":0.034,\"feature_value\":null},"
      + "{\"name\":\"CARD_NB_TX_10MIN_WINDOW\",\"value\":-0.008,\"feature_value\":1.0}]},"
      + "\"timings_micros\":{\"model\":310,\"explain\":2900}}";

  @TempDir
  static Path temp;
  private static EmbeddedKafkaBroker broker;
  private static FakeScorer scorer;
  private static Dashboard dashboard;

  @BeforeAll
  static void startDashboard() {
    broker = EmbeddedKafkaBroker.start(0, temp.resolve("kafka"));
    TopicAdmin.createAll(broker.bootstrap());
    scorer = new FakeScorer().answer(200, RESCORED);
    dashboard = Dashboard.start(DashboardConfig.defaults(broker.bootstrap()).withPort(0)
        .withScorerUrl(scorer.url()).withUsers(TestUsers.users()));
  }

  @AfterAll
  static void stopDashboard() {
    if (dashboard != null) {
      dashboard.close();
    }
    if (scorer != null) {
      scorer.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldShowLiveNumbersAndAnExplainedAlertThatTheWhatIfPanelRescores() throws Exception {
    try (OutputTopics topics = new OutputTopics(broker.bootstrap());
         HeadlessChromium browser = HeadlessChromium.startOrSkip(temp.resolve("profile"), 1440, 1000)) {
      Instant liveStart = Instant.now();
      topics.startLiveTraffic(1);
      awaitDashboardReading();
      publishHistory(topics, liveStart);
      publishAlerts(topics, liveStart);
      topics.flush();

      browser.open(dashboard.url());
      browser.evaluate("document.getElementById('signin-user').value = '" + TestUsers.VIEWER + "';"
          + " document.getElementById('signin-password').value = '" + TestUsers.VIEWER_PASSWORD + "';"
          + " document.getElementById('signin-submit').click()");
      browser.await("the dashboard as a viewer", "document.body && window.location.pathname === '/'"
          + " && document.body.dataset.role || ''", role -> role.asText().equals("viewer"), Duration.ofSeconds(30));
      browser.await("an alert with explanation bars", "document.querySelectorAll('#alert-feed .contribution').length",
          count -> count.asInt() >= 5, Duration.ofSeconds(30));

      long firstTotal = browser.evaluate(TRANSACTIONS_READ).asLong();
      browser.await("the transaction count to grow", TRANSACTIONS_READ, total -> total.asLong() > firstTotal,
          Duration.ofSeconds(20));
      browser.await("a live transaction rate", "document.getElementById('kpi-transactions-rate').textContent",
          rate -> !rate.asText().equals("–") && Double.parseDouble(rate.asText()) > 0, Duration.ofSeconds(20));

      JsonNode bars = browser.evaluate("[...document.querySelectorAll('[data-alert-id=\"fraud-1\"] .contribution')]"
          + ".map(bar => ({name: bar.dataset.name, value: Number(bar.dataset.value),"
          + " width: bar.getBoundingClientRect().width, positive: bar.classList.contains('positive')}))");
      assertThat(bars).hasSize(5);
      assertThat(bars.get(0).get("name").asText()).isEqualTo("TX_AMOUNT");
      assertThat(bars.get(0).get("positive").asBoolean()).isTrue();
      assertThat(bars.get(4).get("value").asDouble()).isNegative();
      assertThat(bars.get(4).get("positive").asBoolean()).isFalse();
      bars.forEach(bar -> assertThat(bar.get("width").asDouble()).isPositive());

      browser.evaluate("document.querySelector('[data-alert-id=\"fraud-1\"] button').click()");
      browser.await("the what-if form", "!document.getElementById('whatif-form').hidden", JsonNode::asBoolean,
          Duration.ofSeconds(20));
      browser.evaluate("document.getElementById('value-TX_AMOUNT').value = '95'; "
          + "document.getElementById('whatif-score').click()");
      browser.await("the what-if result", "!document.getElementById('whatif-result').hidden", JsonNode::asBoolean,
          Duration.ofSeconds(20));
      assertThat(browser.evaluate("document.getElementById('whatif-score-value').textContent").asText())
          .isEqualTo("0.118");
      assertThat(browser.evaluate("document.querySelectorAll('#whatif-bars .contribution').length").asInt())
          .isEqualTo(3);
      JsonNode sent = Json.read(scorer.lastRequest().getBytes(StandardCharsets.UTF_8));
      assertThat(sent.get("transaction_id").asText()).isEqualTo(ALERTED);
      assertThat(sent.at("/features/TX_AMOUNT").asDouble()).isEqualTo(95.0);
      List<String> sentNames = new ArrayList<>();
      sent.get("features").fieldNames().forEachRemaining(sentNames::add);
      assertThat(sentNames).isEqualTo(FraudV1.FEATURE_SET.staticNames());
      assertThat(sent.get("sequence")).hasSize(FraudV1.SEQUENCE_LENGTH);

      assertThat(browser.evaluate("document.body.dataset.renderErrors || '0'").asText()).isEqualTo("0");
      browser.evaluate("window.scrollTo(0, 0)");
      browser.screenshot(SCREENSHOT);
    }
  }

  /** Waits until the dashboard has read live transactions, so it is subscribed before older records are written. */
  private static void awaitDashboardReading() throws Exception {
    DashboardClient client = new DashboardClient(dashboard.url())
        .signedInAs(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode snapshot = DashboardClient.json(client.get("/api/snapshot"));
      if (snapshot.at("/records_by_topic/transactions").asLong() > 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the dashboard read no transaction in 30 s");
  }

  /**
   * Thirty minutes of per-minute volumes around the live rate (and the part of this minute before the live traffic
   * began), two forecasts of them (one issued thirty minutes ago, one this minute), model releases, a refused model and
   * dead letters.
   */
  private static void publishHistory(OutputTopics topics, Instant now) {
    Instant thisMinute = now.truncatedTo(ChronoUnit.MINUTES);
    Instant start = thisMinute.minus(Duration.ofMinutes(30));
    double elapsedOfThisMinute = Duration.between(thisMinute, now).toMillis() / 60_000.0;
    for (int minute = 0; minute <= 30; minute++) {
      double share = minute < 30 ? 1 : elapsedOfThisMinute;
      int count = (int) (share * expectedPerMinute(minute) * (1 + 0.04 * Math.sin(minute * 2.7)));
      for (int i = 0; i < count; i++) {
        Instant at = start.plus(Duration.ofMinutes(minute)).plusMillis((long) (i * share * 60_000L / count));
        topics.transaction(Fixtures.tx("h-" + minute + "-" + i, 2_000 + (i % 90) * 100, at));
      }
    }
    topics.forecast(volumeForecast(start, 0, 60));
    topics.forecast(volumeForecast(thisMinute, 30, 30));
    topics.release(Fixtures.release("lstm", "v1", ReleaseStatus.RETIRED, 0.641, now.minus(Duration.ofDays(7))));
    topics.release(Fixtures.release("transformer", "v1", ReleaseStatus.CHALLENGER_REJECTED, 0.652,
        now.minus(Duration.ofDays(1))));
    topics.release(Fixtures.release("lstm", "v2", ReleaseStatus.CHAMPION, 0.671, now.minus(Duration.ofHours(20))));
    topics.alert(Fixtures.alert("model-1", AlertKind.MODEL, Severity.WARNING,
        "Refused transformer v2: SHA-256 of the artifact does not match the release", now.minus(Duration.ofHours(2))));
    Map<RejectReason, Integer> rejections = Map.of(RejectReason.NOT_JSON, 14, RejectReason.MISSING_FIELD, 6,
        RejectReason.INVALID_AMOUNT, 4, RejectReason.DUPLICATE, 9, RejectReason.INVALID_CARD_NUMBER, 2);
    rejections.forEach((reason, count) -> {
      for (int i = 0; i < count; i++) {
        topics.deadLetter(Fixtures.rejected(reason));
      }
    });
  }

  private static void publishAlerts(OutputTopics topics, Instant now) {
    topics.alert(Fixtures.alert("deviation-1", AlertKind.FORECAST_DEVIATION, Severity.WARNING,
        "count/all left its 90 % interval for 3 minutes: 706 transactions against 580..655 expected",
        now.minus(Duration.ofMinutes(4))));
    topics.features(alertedFeatures("t-000388"));
    topics.alert(fraudAlert("fraud-2", "t-000388", Severity.WARNING, 0.64, now.minus(Duration.ofMinutes(2)),
        feature("CARD_NB_TX_10MIN_WINDOW", 0.22, 6.0), group("event[-1]", 0.14), group("event[-2]", 0.09),
        feature("TERMINAL_ID_RISK_7DAY_WINDOW", 0.05, 0.12), feature("TX_DURING_NIGHT", -0.02, 0.0)));
    topics.features(alertedFeatures(ALERTED));
    topics.alert(fraudAlert("fraud-1", ALERTED, Severity.CRITICAL, 0.93, now.minusSeconds(20),
        feature("TX_AMOUNT", 0.41, 950.0), feature("CARD_AMOUNT_OVER_MEAN_30DAY", 0.23, 11.8),
        group("event[-1]", 0.12), feature("CARD_NEW_TERMINAL", 0.07, 1.0),
        feature("CUSTOMER_ID_AVG_AMOUNT_30DAY_WINDOW", -0.04, 80.5)));
  }

  /** Around the live traffic's 600 a minute. */
  private static double expectedPerMinute(int minuteOfHistory) {
    return 600 * (1 + 0.12 * Math.sin(2 * Math.PI * minuteOfHistory / 45.0));
  }

  /** A count/all forecast issued {@code fromMinute} minutes into the history, with a ±8 % interval. */
  private static Forecast volumeForecast(Instant issueTime, int fromMinute, int minutes) {
    List<ForecastPoint> points = new ArrayList<>();
    for (int minute = 0; minute < minutes; minute++) {
      double mean = expectedPerMinute(fromMinute + minute);
      points.add(new ForecastPoint(issueTime.plus(Duration.ofMinutes(minute)), mean, mean * 0.92, mean * 1.08));
    }
    return new Forecast(ForecastBoard.COUNT_ALL, issueTime, 60, "holt_winters", 0.9, points);
  }

  private static FeatureVector alertedFeatures(String transactionId) {
    FeatureVector vector = Fixtures.features(transactionId);
    vector.setEventTime(Instant.now());
    return vector;
  }

  private static Alert fraudAlert(String alertId, String transactionId, Severity severity, double score, Instant at,
                                  Contribution... contributions) {
    return new Alert(alertId, AlertKind.FRAUD, severity,
        String.format("Fraud score %.2f for transaction %s", score, transactionId), at,
        Map.of(AlertFeed.TRANSACTION_REFERENCE, transactionId, "modelVersion", "lstm v2",
            "score", String.format("%.2f", score)), List.of(contributions), Map.of(), List.of());
  }
}
