package io.argus.pipeline.dashboard;

import static io.argus.pipeline.dashboard.Fixtures.T0;
import static io.argus.pipeline.dashboard.Fixtures.alert;
import static io.argus.pipeline.dashboard.Fixtures.feature;
import static io.argus.pipeline.dashboard.Fixtures.features;
import static io.argus.pipeline.dashboard.Fixtures.fraudAlert;
import static io.argus.pipeline.dashboard.Fixtures.named;
import static io.argus.pipeline.dashboard.Fixtures.rejected;
import static io.argus.pipeline.dashboard.Fixtures.score;
import static io.argus.pipeline.dashboard.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Decision;
import io.argus.avro.ExplanationTimings;
import io.argus.avro.FeatureVector;
import io.argus.avro.RejectReason;
import io.argus.avro.Severity;
import io.argus.features.FraudV1;
import io.argus.model.features.NamedFeatures;
import io.argus.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardStateTest {

  private static final long NOW = T0.toEpochMilli();
  private final DashboardState state = new DashboardState(Duration.ofSeconds(10), 50, Duration.ofHours(3));

  @Test
  void shouldComputeRatesFromRecordTimestampsOverTheWindow() {
    for (int i = 0; i < 200; i++) {
      long timestamp = NOW - 10_000 + i * 50L;
      state.onTransaction(tx("t-" + i, 1_000, T0), timestamp);
      if (i % 2 == 0) {
        state.onScore(score("t-" + i, 0.1), timestamp);
      }
    }
    state.onRejected(rejected(RejectReason.NOT_JSON), NOW - 5_000);
    state.onAlert(fraudAlert("a-1", "t-1", T0), NOW - 1_000);
    state.onAlert(fraudAlert("a-2", "t-2", T0), NOW - 50_000);
    state.onAlert(fraudAlert("a-3", "t-3", T0), NOW - 70_000);

    Snapshot snapshot = state.snapshot(NOW);

    assertThat(snapshot.rates()).isEqualTo(new Snapshot.Rates(20.0, 10.0, 0.1, 10, 2.0));
    assertThat(snapshot.throughput().start()).isEqualTo(NOW - DashboardState.THROUGHPUT_HISTORY.toMillis());
    assertThat(snapshot.throughput().transactions()).hasSize(120).endsWith(20, 20, 20, 20, 20, 20, 20, 20, 20, 20)
        .startsWith(0, 0);
    assertThat(snapshot.throughput().scores()).endsWith(10, 10);
    assertThat(snapshot.recordsByTopic()).containsEntry(Topics.TRANSACTIONS.name(), 200L)
        .containsEntry(Topics.FRAUD_SCORES.name(), 100L);
  }

  @Test
  void shouldSummarizeScoresDecisionsAndStageLatenciesInMilliseconds() {
    for (int i = 1; i <= 100; i++) {
      boolean explained = i > 90;
      state.onScore(score("t-" + i, i / 100.0, explained ? Decision.DECLINE : Decision.APPROVE, i * 10L, 300,
          explained ? 4_000 : 0, i * 1_000L), NOW);
    }

    Snapshot snapshot = state.snapshot(NOW);

    assertThat(snapshot.scores().samples()).isEqualTo(100);
    assertThat(snapshot.scores().histogram()).hasSize(DashboardState.SCORE_BINS);
    assertThat(snapshot.scores().histogram()[0]).isEqualTo(4);   // 0.01 .. 0.04
    assertThat(snapshot.scores().histogram()[19]).isEqualTo(6);  // 0.95 .. 1.00
    assertThat(snapshot.scores().decisions()).containsExactly(
        entry("APPROVE", 90L), entry("REVIEW", 0L), entry("DECLINE", 10L));
    assertThat(snapshot.latency()).containsOnlyKeys("queue", "model", "explain", "total");
    // Totals of 1 to 100 ms: HdrHistogram reports the top of each value's bucket (three significant digits).
    assertThat(snapshot.latency().get("total")).isEqualTo(new RecentLatencies.Percentiles(50.015, 99.007, 100.031,
        100));
    assertThat(snapshot.latency().get("queue").p50()).isEqualTo(0.5);
    assertThat(snapshot.latency().get("model").p99()).isEqualTo(0.3);
    assertThat(snapshot.latency().get("explain")).isEqualTo(new RecentLatencies.Percentiles(4.001, 4.001, 4.001, 10));
  }

  @Test
  void shouldTakeTheExplanationLatencyFromTheAlertsOfTheScorersStream() {
    Alert alert = fraudAlert("fraud-t-1", "t-1", T0);
    alert.setExplanationTimings(new ExplanationTimings(250L, 3_000L, false, 2_000L));

    state.onScore(score("t-1", 0.95, Decision.DECLINE, 10, 300, 0, 1_000), NOW);
    state.onAlert(alert, NOW);

    assertThat(state.snapshot(NOW).latency().get("explain")).isEqualTo(new RecentLatencies.Percentiles(3.001, 3.001,
        3.001, 1));
  }

  @Test
  void shouldDropTheCopiesOfScoresAndFraudAlertsTheScorerWritesAgainAfterARestart() {
    state.onScore(score("t-1", 0.2), NOW - 2_000);
    state.onScore(score("t-2", 0.97, Decision.DECLINE, 10, 300, 0, 1_000), NOW - 2_000);
    state.onAlert(fraudAlert("fraud-t-2", "t-2", T0), NOW - 2_000);
    state.onScore(score("t-1", 0.2), NOW - 1_500);
    state.onScore(score("t-2", 0.97, Decision.DECLINE, 10, 300, 0, 1_000), NOW - 1_500);
    state.onAlert(fraudAlert("fraud-t-2", "t-2", T0), NOW - 1_500);

    Snapshot snapshot = state.snapshot(NOW);

    assertThat(snapshot.scores().samples()).isEqualTo(2);
    assertThat(snapshot.scores().decisions()).containsEntry("APPROVE", 1L).containsEntry("DECLINE", 1L);
    assertThat(snapshot.rates().scoresPerSecond()).isEqualTo(0.2);
    assertThat(snapshot.rates().alertsPerMinute()).isEqualTo(1.0);
    assertThat(snapshot.recordsByTopic()).as("every record read is still counted as read")
        .containsEntry(Topics.FRAUD_SCORES.name(), 4L).containsEntry(Topics.ALERTS.name(), 2L);
  }

  @Test
  void shouldCountATransactionTheValidatorWritesAgainAfterARestartOnce() {
    state.onTransaction(tx("t-1", 1_000, T0), NOW - 2_000);
    state.onTransaction(tx("t-2", 1_000, T0), NOW - 2_000);
    state.onTransaction(tx("t-1", 1_000, T0), NOW - 1_500);

    Snapshot snapshot = state.snapshot(NOW);

    assertThat(snapshot.rates().transactionsPerSecond()).isEqualTo(0.2);
    assertThat(snapshot.recordsByTopic()).containsEntry(Topics.TRANSACTIONS.name(), 3L);
  }

  @Test
  void shouldCountDeadLettersByReason() {
    state.onRejected(rejected(RejectReason.NOT_JSON), NOW);
    state.onRejected(rejected(RejectReason.NOT_JSON), NOW);
    state.onRejected(rejected(RejectReason.INVALID_AMOUNT), NOW);
    state.onRejected(rejected(RejectReason.DUPLICATE), NOW);

    Snapshot.DeadLetters deadLetters = state.snapshot(NOW).deadLetters();

    assertThat(deadLetters.total()).isEqualTo(4);
    assertThat(deadLetters.byReason()).containsExactly(
        entry("NOT_JSON", 2L), entry("INVALID_AMOUNT", 1L), entry("DUPLICATE", 1L));
  }

  @Test
  void shouldCountScoresOutsideZeroToOneAndForeignFeatureVectorsAsUnreadable() {
    state.onScore(score("t-1", 1.5), NOW);
    state.onScore(score("t-2", Double.NaN), NOW);
    FeatureVector foreign = features("t-3");
    foreign.setFeatureSetVersion("fraud_v0");
    state.onFeatures(foreign);
    FeatureVector truncated = features("t-4");
    truncated.setValues(truncated.getValues().subList(0, 3));
    state.onFeatures(truncated);

    Snapshot snapshot = state.snapshot(NOW);

    assertThat(snapshot.unreadableByTopic()).containsExactlyInAnyOrderEntriesOf(
        Map.of(Topics.FRAUD_SCORES.name(), 2L, Topics.FEATURES.name(), 2L));
    assertThat(snapshot.scores().samples()).isZero();
    assertThat(snapshot.recordsByTopic()).isEmpty();
  }

  @Test
  void shouldHoldTheNamedFeaturesOfAlertedTransactionsForTheWhatIfPanel() {
    state.onFeatures(features("t-alerted"));
    state.onFeatures(features("t-quiet"));
    state.onAlert(fraudAlert("a-1", "t-alerted", T0, feature("TX_AMOUNT", 0.4, 1.0)), NOW);

    Map<String, NamedFeatures> held = state.alertFeatures();

    assertThat(held).containsOnlyKeys("t-alerted");
    NamedFeatures named = held.get("t-alerted");
    assertThat(named).isEqualTo(named("t-alerted"));
    assertThat(named.input().values()[FraudV1.FEATURE_SET.indexOf("TX_DURING_WEEKEND")]).isEqualTo(2.0);
    assertThat(named.input().sequence()).hasNumberOfRows(10);
    assertThat(named.input().sequence()[9]).startsWith(90.0, 91.0);
  }

  @Test
  void shouldPutModelAlertsInTheFeedAndThePromotionHistory() {
    state.onAlert(alert("m-1", AlertKind.MODEL, Severity.CRITICAL, "Refused lstm v4: feature names differ", T0),
        NOW);

    Snapshot snapshot = state.snapshot(NOW);

    assertThat(snapshot.alerts().recent()).extracting(Snapshot.AlertItem::alertId).containsExactly("m-1");
    assertThat(snapshot.models().history()).extracting(Snapshot.HistoryEntry::title)
        .containsExactly("Refused lstm v4: feature names differ");
  }
}
