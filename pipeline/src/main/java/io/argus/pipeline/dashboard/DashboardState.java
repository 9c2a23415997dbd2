package io.argus.pipeline.dashboard;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.CaseDecision;
import io.argus.avro.Decision;
import io.argus.avro.FeatureVector;
import io.argus.avro.Forecast;
import io.argus.avro.FraudScore;
import io.argus.avro.ModelRelease;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.RiskRule;
import io.argus.avro.Timings;
import io.argus.avro.Transaction;
import io.argus.features.FraudV1;
import io.argus.kafka.FirstCopies;
import io.argus.model.ModelInput;
import io.argus.model.features.FeatureShape;
import io.argus.model.features.NamedFeatures;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the dashboard aggregates from the output topics, in bounded memory: rates, the most recent scores and
 * latencies, decisions, alerts, forecasts against actual volumes, models, dead letters by reason, the features of
 * recent transactions (so an alerted one can be rescored), and — shared with the HTTP threads — the review queue and
 * the rules. One thread owns it: the topic feed calls the {@code on...} methods and takes a {@link #snapshot} every
 * push interval. Not thread-safe itself; the {@link CaseQueue} and {@link RuleBook} it feeds are.
 */
final class DashboardState {

  /** How many recent scores and latencies the histogram and the percentiles are computed over. */
  static final int RECENT_SAMPLES = 10_000;
  /** How many recent transactions' features are kept (as raw values) for alerts that arrive after them. */
  static final int RECENT_FEATURES = 10_000;
  static final int SCORE_BINS = 20;
  /**
   * How many recent transaction ids (of transactions and of scores) and fraud alerts' ids are remembered, to drop the
   * copies the validator and the scorer write again after a restart (at least once: a copy follows its first within
   * one restart's worth of records).
   */
  static final int RECENT_IDS = 200_000;
  /** How many seconds of per-second throughput the snapshot carries. */
  static final Duration THROUGHPUT_HISTORY = Duration.ofMinutes(2);
  private static final Duration ONE_MINUTE = Duration.ofMinutes(1);
  /** The shape a features record must have to be held for the what-if panel (and rescored by the scorer). */
  private static final FeatureShape FRAUD_V1 = new FeatureShape(FraudV1.FEATURE_SET);

  private final Duration rateWindow;
  private final SlidingRate transactionRate;
  private final SlidingRate scoreRate;
  private final SlidingRate alertRate;
  private final SlidingRate rejectedRate;
  private final RecentValues recentScores = new RecentValues(RECENT_SAMPLES);
  private final FirstCopies transactionIds = new FirstCopies(RECENT_IDS);
  private final FirstCopies scoreIds = new FirstCopies(RECENT_IDS);
  private final FirstCopies fraudAlertIds = new FirstCopies(RECENT_IDS);
  private final Map<String, RecentLatencies> latencies = new LinkedHashMap<>();
  private final Map<Decision, Long> decisions = new EnumMap<>(Decision.class);
  private final Map<RejectReason, Long> deadLetters = new EnumMap<>(RejectReason.class);
  private final Map<String, Long> recordsByTopic = new TreeMap<>();
  private final Map<String, Long> unreadableByTopic = new TreeMap<>();
  private final AlertFeed alerts;
  private final ForecastBoard forecasts;
  private final ModelHistory models = new ModelHistory();
  private final CaseQueue cases;
  private final RuleBook rules;
  private final Map<String, ModelInput> recentFeatures = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ModelInput> eldest) {
      return size() > RECENT_FEATURES;
    }
  };

  DashboardState(Duration rateWindow, int alertFeedSize, Duration forecastHistory) {
    this(rateWindow, alertFeedSize, forecastHistory, new CaseQueue(), new RuleBook());
  }

  DashboardState(Duration rateWindow, int alertFeedSize, Duration forecastHistory, CaseQueue cases, RuleBook rules) {
    this.rateWindow = rateWindow;
    this.cases = cases;
    this.rules = rules;
    forecasts = new ForecastBoard(forecastHistory);
    transactionRate = new SlidingRate(rateWindow, THROUGHPUT_HISTORY);
    scoreRate = new SlidingRate(rateWindow, THROUGHPUT_HISTORY);
    alertRate = new SlidingRate(ONE_MINUTE, ONE_MINUTE);
    rejectedRate = new SlidingRate(rateWindow, rateWindow);
    alerts = new AlertFeed(alertFeedSize);
    for (String stage : new String[] {"queue", "model", "explain", "total"}) {
      latencies.put(stage, new RecentLatencies(RECENT_SAMPLES));
    }
  }

  void onTransaction(Transaction transaction, long timestamp) {
    read(Topics.TRANSACTIONS);
    if (!transactionIds.first(transaction.getTransactionId())) {
      return;
    }
    transactionRate.record(timestamp);
    forecasts.onTransaction(transaction);
  }

  void onScore(FraudScore score, long timestamp) {
    if (!(score.getScore() >= 0.0 && score.getScore() <= 1.0)) {
      onUnreadable(Topics.FRAUD_SCORES.name());
      return;
    }
    read(Topics.FRAUD_SCORES);
    if (!scoreIds.first(score.getTransactionId())) {
      return;
    }
    scoreRate.record(timestamp);
    recentScores.add(score.getScore());
    decisions.merge(score.getDecision(), 1L, Long::sum);
    Timings timings = score.getTimings();
    addLatency("queue", timings.getQueueMicros());
    addLatency("model", timings.getModelMicros());
    if (timings.getExplainMicros() > 0) {
      addLatency("explain", timings.getExplainMicros());
    }
    addLatency("total", timings.getTotalMicros());
    models.onScore(score, timestamp);
    if (!score.getRules().isEmpty()) {
      rules.onFired(score.getRules(), timestamp);
    }
  }

  void onAlert(Alert alert, long timestamp) {
    read(Topics.ALERTS);
    if (alert.getKind() == AlertKind.FRAUD && !fraudAlertIds.first(alert.getAlertId())) {
      return;
    }
    alertRate.record(timestamp);
    String transactionId = alert.getReferences().get(AlertFeed.TRANSACTION_REFERENCE);
    ModelInput features = transactionId == null ? null : recentFeatures.get(transactionId);
    alerts.add(alert, features == null ? null : new NamedFeatures(transactionId, features));
    cases.onAlert(alert);
    if (alert.getKind() == AlertKind.MODEL && alert.getReferences().containsKey("ruleId")) {
      rules.onRefused(alert);
    } else if (alert.getKind() == AlertKind.MODEL) {
      models.onModelAlert(alert);
    }
    // the scorer's stream explains off its thread: the explanation's time travels on the alert, not the score
    if (alert.getExplanationTimings() != null) {
      addLatency("explain", alert.getExplanationTimings().getExplainMicros());
    }
  }

  void onDecision(CaseDecision decision) {
    read(Topics.CASE_DECISIONS);
    cases.onDecision(decision);
  }

  void onRule(RiskRule rule) {
    read(Topics.RULES);
    rules.onRule(rule);
  }

  /** A tombstone on the rules topic; {@code author} from its header, or null. */
  void onRuleRetired(String id, String author, long timestamp) {
    read(Topics.RULES);
    rules.onRetired(id, author, timestamp);
  }

  void onRejected(RejectedRecord rejected, long timestamp) {
    read(Topics.TRANSACTIONS_DLQ);
    rejectedRate.record(timestamp);
    deadLetters.merge(rejected.getReason(), 1L, Long::sum);
  }

  void onForecast(Forecast forecast) {
    read(Topics.FORECASTS);
    forecasts.onForecast(forecast);
  }

  void onRelease(ModelRelease release) {
    read(Topics.MODEL_RELEASES);
    models.onRelease(release);
  }

  void onFeatures(FeatureVector vector) {
    if (FRAUD_V1.problem(vector) != null) {
      onUnreadable(Topics.FEATURES.name());
      return;
    }
    read(Topics.FEATURES);
    ModelInput features = ModelInput.of(vector);
    recentFeatures.put(vector.getTransactionId(), features);
    alerts.attach(vector.getTransactionId(), features);
  }

  /** A record of {@code topic} that could not be decoded, or decoded to values the dashboard cannot use. */
  void onUnreadable(String topic) {
    unreadableByTopic.merge(topic, 1L, Long::sum);
  }

  /** The features held for alerted transactions, by transaction id. */
  Map<String, NamedFeatures> alertFeatures() {
    return alerts.heldFeatures();
  }

  Snapshot snapshot(long nowMillis) {
    Snapshot.Rates rates = new Snapshot.Rates(transactionRate.perSecond(nowMillis), scoreRate.perSecond(nowMillis),
        rejectedRate.perSecond(nowMillis), (int) rateWindow.toSeconds(), alertRate.perSecond(nowMillis) * 60);
    Map<String, Long> decisionCounts = new LinkedHashMap<>();
    for (Decision decision : Decision.values()) {
      decisionCounts.put(decision.name(), decisions.getOrDefault(decision, 0L));
    }
    Snapshot.Scores scores = new Snapshot.Scores(1.0 / SCORE_BINS, recentScores.histogram(SCORE_BINS),
        recentScores.size(), decisionCounts);
    Map<String, RecentLatencies.Percentiles> latency = new LinkedHashMap<>();
    latencies.forEach((stage, values) -> latency.put(stage, values.percentiles()));
    Map<String, Long> byReason = new LinkedHashMap<>();
    deadLetters.forEach((reason, count) -> byReason.put(reason.name(), count));
    long deadLetterTotal = byReason.values().stream().mapToLong(Long::longValue).sum();
    long firstSecond = (Math.floorDiv(nowMillis, 1000L) - THROUGHPUT_HISTORY.toSeconds()) * 1000L;
    Snapshot.Throughput throughput = new Snapshot.Throughput(firstSecond, transactionRate.countsPerSecond(nowMillis),
        scoreRate.countsPerSecond(nowMillis));
    return new Snapshot(nowMillis, rates, throughput, Map.copyOf(recordsByTopic), Map.copyOf(unreadableByTopic), scores, latency,
        alerts.view(), forecasts.view(), models.view(), new Snapshot.DeadLetters(deadLetterTotal, byReason),
        cases.summary(nowMillis), rules.view());
  }

  private void read(Topic<?, ?> topic) {
    recordsByTopic.merge(topic.name(), 1L, Long::sum);
  }

  private void addLatency(String stage, long micros) {
    if (micros >= 0) {
      latencies.get(stage).add(micros);
    }
  }
}
