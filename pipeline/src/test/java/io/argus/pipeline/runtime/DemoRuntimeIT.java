package io.argus.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.avro.CaseDecision;
import io.argus.avro.FeatureVector;
import io.argus.avro.ModelRelease;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.embedded.TopicReader;
import io.argus.pipeline.browser.HeadlessChromium;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo runtime end to end, started once for both tests (a small population, a temporary data directory): first
 * the dashboard in headless Chromium while the simulation plays (skipped, never failed, without Chromium), then the
 * wiring and the shutdown: once the traffic stops, the counts reconcile (every raw transaction validated or
 * dead-lettered, every transaction featured, a late one too, every feature vector scored exactly once), and
 * after {@link DemoRuntime#close()} the simulation's acknowledged position and the feature job's savepoint are kept
 * for the next start and every port is free.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoRuntimeIT {

  private static final Path SCREENSHOT = Path.of("target", "demo.png");
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String TRANSACTIONS_READ =
      "Number(document.getElementById('kpi-transactions-total').textContent.replaceAll(',', ''))";

  @TempDir
  static Path temp;
  private static DemoRuntime runtime;
  /** What the last poll of {@link #awaitStable} saw, for its failure message. */
  private static volatile String lastReading;

  @BeforeAll
  static void startDemo() throws Exception {
    runtime = SmallDemo.start(temp.resolve("demo"));
  }

  @AfterAll
  static void stopDemo() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  @Order(1)
  void shouldShowLiveNumbersAnExplainedAlertAForecastAModelReleaseAndARetrainingDecisionInTheBrowser()
      throws Exception {
    try (HeadlessChromium browser = HeadlessChromium.startOrSkip(temp.resolve("profile"), 1440, 1000)) {
      browser.open(runtime.dashboardUrl());
      signInAsTheAnalyst(browser);

      browser.await("transactions on the dashboard", TRANSACTIONS_READ, total -> total.asLong() > 0, WAIT);
      long firstTotal = browser.evaluate(TRANSACTIONS_READ).asLong();
      browser.await("the transaction count to grow", TRANSACTIONS_READ, total -> total.asLong() > firstTotal, WAIT);

      browser.await("a fraud alert with explanation bars",
          "document.querySelectorAll('#alert-feed .contribution').length", count -> count.asInt() >= 3, WAIT);
      JsonNode bars = browser.evaluate("[...document.querySelector('#alert-feed .contribution').closest('.bars')"
          + ".querySelectorAll('.contribution')].map(bar => ({name: bar.dataset.name,"
          + " width: bar.getBoundingClientRect().width}))");
      assertThat(bars).isNotEmpty().allSatisfy(bar -> assertThat(bar.get("name").asText()).isNotBlank());
      assertThat(bars).anySatisfy(bar -> assertThat(bar.get("width").asDouble()).as("the largest bar").isPositive());

      browser.await("the shipped model's release", "document.querySelector('#releases tbody').textContent",
          text -> text.asText().contains(DemoTraining.modelName()) && text.asText().contains("CHAMPION"), WAIT);
      browser.await("an hourly forecast", "document.getElementById('forecast-note').textContent",
          note -> note.asText().contains("per 1 h"), WAIT);
      browser.await("a retraining decision on the model panel (skipped: the store is too short)",
          "document.getElementById('history').textContent", text -> text.asText().contains("model decision")
              && text.asText().contains("retraining " + DemoTraining.modelName() + " skipped")
              && text.asText().contains("SKIPPED"), WAIT);

      assertThat(browser.evaluate("document.body.dataset.renderErrors || '0'").asText()).isEqualTo("0");
      browser.evaluate("window.scrollTo(0, 0)");
      browser.screenshot(SCREENSHOT);

      confirmTheFirstOpenCase(browser);
    }
  }

  /** Signs in with the analyst's password from the file the demo generated (and the summary names). */
  private static void signInAsTheAnalyst(HeadlessChromium browser) throws Exception {
    Path passwords = runtime.dashboardPasswords();
    assertThat(Files.getPosixFilePermissions(passwords)).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String password = Files.readAllLines(passwords).stream().filter(line -> line.startsWith(DemoUsers.ANALYST + " "))
        .findFirst().orElseThrow().substring(DemoUsers.ANALYST.length() + 1);
    assertThat(runtime.summary(Optional.empty())).contains(passwords.toString()).doesNotContain(password);
    browser.await("the sign-in page", "window.location.pathname", path -> path.asText().equals("/login.html"), WAIT);
    browser.evaluate("document.getElementById('signin-user').value = '" + DemoUsers.ANALYST + "';"
        + " document.getElementById('signin-password').value = '" + password + "';"
        + " document.getElementById('signin-submit').click()");
    browser.await("the dashboard as the analyst", "document.body && window.location.pathname === '/'"
        + " && document.body.dataset.role || ''", role -> role.asText().equals("analyst"), WAIT);
  }

  /** The analyst's loop in the demo: the first open case confirmed, its audit record on case-decisions. */
  private static void confirmTheFirstOpenCase(HeadlessChromium browser) throws Exception {
    browser.evaluate("document.querySelector('.tab[data-view=\"review\"]').click()");
    browser.await("an open case", "document.querySelectorAll('#case-list .case-row').length",
        count -> count.asInt() > 0, WAIT);
    String alertId = browser.evaluate("document.querySelector('#case-list .case-row').dataset.caseId").asText();
    browser.evaluate("document.querySelector('#case-list .case-row').click()");
    browser.await("the verdict buttons", "document.getElementById('case-note').textContent.startsWith('" + alertId
        + "') && !document.getElementById('verdict').hidden", JsonNode::asBoolean, WAIT);
    browser.evaluate("document.getElementById('verdict-reason').value = 'confirmed in the demo test';"
        + " document.getElementById('verdict-fraud').click()");
    browser.await("the verdict recorded", "document.getElementById('verdict-message').textContent",
        text -> text.asText().startsWith("Confirmed fraud"), WAIT);
    List<ConsumerRecord<String, CaseDecision>> decisions = TopicReader.readAll(runtime.bootstrap(),
        Topics.CASE_DECISIONS, 1, WAIT, Duration.ofSeconds(1));
    assertThat(decisions).extracting(record -> record.key() + " by " + record.value().getAnalyst())
        .containsExactly(alertId + " by " + DemoUsers.ANALYST);
  }

  @Test
  @Order(2)
  void shouldRunEveryRoleReconcileTheCountsAndStopCleanly() throws Exception {
    String bootstrap = runtime.bootstrap();
    int dashboardPort = runtime.dashboardUrl().getPort();
    int scorerPort = runtime.scorerUrl().getPort();
    assertThat(String.join("\n", runtime.roles())).contains("Kafka broker", "validator", "feature job", "scorer",
        "forecaster", "retraining", "dashboard", "simulator");
    Optional<Duration> firstScore = runtime.awaitFirstScore(WAIT);
    assertThat(firstScore).as("a first score").isPresent();
    assertThat(runtime.summary(firstScore)).contains("bootstrap=" + bootstrap, runtime.dashboardUrl().toString(),
        "first score after", "WARNING", "throwaway key");

    awaitHistoryPlayed();
    runtime.simulation().close();
    long sent = runtime.simulation().transactionsSent();

    assertThat(read(bootstrap, Topics.TRANSACTIONS_RAW, sent)).hasSize((int) sent);
    Set<String> transactions = awaitStable("validated and dead-lettered raw transactions", () -> {
      Set<String> ids = ids(read(bootstrap, Topics.TRANSACTIONS, sent), Transaction::getTransactionId);
      lastReading = ids.size() + " validated and " + deadLetters(bootstrap, Topics.TRANSACTIONS_RAW).size()
          + " dead-lettered of " + sent;
      return ids.size() + deadLetters(bootstrap, Topics.TRANSACTIONS_RAW).size() == sent ? ids : null;
    });
    assertThat(transactions).isNotEmpty();

    Set<String> featured = awaitStable("every transaction featured (a late one too) or dead-lettered as unusable",
        () -> {
          Set<String> ids = ids(read(bootstrap, Topics.FEATURES, transactions.size()), FeatureVector::getTransactionId);
          long unusable = deadLetters(bootstrap, Topics.TRANSACTIONS).stream()
              .filter(rejected -> rejected.getReason() != RejectReason.LATE_EVENT).count();
          lastReading = ids.size() + " featured and " + unusable + " unusable of " + transactions.size()
              + " transactions";
          return ids.size() + unusable == transactions.size() ? ids : null;
        });
    assertThat(transactions).containsAll(featured);

    Map<String, Long> scoresPerTransaction = awaitStable("every feature vector scored", () -> {
      Map<String, Long> counts = read(bootstrap, Topics.FRAUD_SCORES, featured.size()).stream().collect(
          Collectors.groupingBy(record -> record.value().getTransactionId(), Collectors.counting()));
      lastReading = counts.size() + " of " + featured.size() + " feature vectors scored";
      return counts.keySet().equals(featured) ? counts : null;
    });
    assertThat(scoresPerTransaction.values()).as("each scored exactly once").containsOnly(1L);
    List<ConsumerRecord<String, ModelRelease>> releases = read(bootstrap, Topics.MODEL_RELEASES, 1);
    assertThat(releases).extracting(record -> record.value().getName()).contains(DemoTraining.modelName());

    runtime.close();

    assertThat(position()).as("the acknowledged simulation events are recorded for the next start")
        .isGreaterThanOrEqualTo(sent);
    try (Stream<Path> files = Files.walk(temp.resolve("demo").resolve("flink").resolve("savepoints"))) {
      assertThat(files.filter(file -> file.getFileName().toString().equals("_metadata")))
          .as("the feature job stopped with a savepoint").isNotEmpty();
    }
    for (int port : new int[] {dashboardPort, scorerPort, Integer.parseInt(bootstrap.split(":")[1])}) {
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("port %d is closed", port)
          .isInstanceOf(IOException.class);
    }
  }

  /** Waits until the simulation has played its history (live, a transaction comes every few minutes). */
  private static void awaitHistoryPlayed() throws InterruptedException {
    long previous = -1;
    while (runtime.simulation().transactionsSent() != previous) {
      previous = runtime.simulation().transactionsSent();
      Thread.sleep(2_000);
    }
  }

  private static List<RejectedRecord> deadLetters(String bootstrap, Topic<?, ?> source) {
    return read(bootstrap, Topics.TRANSACTIONS_DLQ, 0).stream().map(ConsumerRecord::value)
        .filter(rejected -> rejected.getSourceTopic().equals(source.name())).toList();
  }

  private static <V> List<ConsumerRecord<String, V>> read(String bootstrap, Topic<String, V> topic, long expected) {
    return TopicReader.readAll(bootstrap, topic, (int) expected, Duration.ofSeconds(10), Duration.ofSeconds(1));
  }

  private static <V> Set<String> ids(List<ConsumerRecord<String, V>> records, Function<V, String> id) {
    return records.stream().map(record -> id.apply(record.value())).collect(Collectors.toSet());
  }

  /** Polls {@code reading} until it gives a value (null: not yet). */
  private static <T> T awaitStable(String what, Supplier<T> reading) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    T value;
    while ((value = reading.get()) == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what + " (last reading: " + lastReading + ")");
      }
      Thread.sleep(1_000);
    }
    return value;
  }

  private static long position() throws IOException {
    Properties position = new Properties();
    try (Reader reader = Files.newBufferedReader(temp.resolve("demo").resolve("simulation.position"))) {
      position.load(reader);
    }
    return Long.parseLong(position.getProperty("events"));
  }
}
