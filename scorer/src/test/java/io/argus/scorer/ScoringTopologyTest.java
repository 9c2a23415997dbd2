package io.argus.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Contribution;
import io.argus.avro.Decision;
import io.argus.avro.FeatureVector;
import io.argus.avro.FraudScore;
import io.argus.avro.PendingExplanation;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.features.FraudV1;
import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import io.argus.schemas.AvroSerde;
import io.argus.schemas.Topics;
import io.argus.scorer.alert.ExplanationPool;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.fixtures.HeldJobs;
import io.argus.scorer.fixtures.LinearModel;
import io.argus.scorer.fixtures.Releases;
import io.argus.scorer.fixtures.ScriptedClock;
import io.argus.scorer.metrics.ScorerMetrics;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.rules.RuleHolder;
import io.argus.scorer.rules.RuleSet;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringTopologyTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:15:30Z");
  private static final Instant PICKED_UP = T0.plusMillis(7);
  private static final Instant SCORED = T0.plusMillis(11);
  private static final List<String> FEATURES = FraudV1.FEATURE_SET.staticNames();
  private static final int AMOUNT = FEATURES.indexOf("TX_AMOUNT");
  private static final double LOW_AMOUNT = 50;
  private static final double REVIEW_AMOUNT = 230;
  private static final double HIGH_AMOUNT = 400;

  private final List<ModelInput> background = SyntheticFeatures.sample(30, 11);
  private final List<Alert> modelAlerts = new ArrayList<>();
  private final ScorerMetrics metrics = new ScorerMetrics(new SimpleMeterRegistry());
  private final ScriptedClock clock = new ScriptedClock(PICKED_UP);
  private final LinearModel amountModel = amountModel(0.02);
  /** The explanation workers: run each job at once unless a test holds them back or fills the queue. */
  private final HeldJobs workers = new HeldJobs();
  private ModelHolder holder;
  private TopologyTestDriver driver;
  private TestInputTopic<String, FeatureVector> features;
  private TestInputTopic<String, byte[]> rawFeatures;
  private TestOutputTopic<String, FraudScore> scores;
  private TestOutputTopic<String, Alert> alerts;
  private TestOutputTopic<String, RejectedRecord> deadLetters;

  @TempDir
  Path stateDir;

  @BeforeEach
  void startDriver() {
    holder = new ModelHolder(release -> Releases.loaded(release.getVersion().equals("v1") ? amountModel
        : amountModel(0.0), background), FraudV1.FEATURE_SET, ExplainerConfig.DEFAULTS, modelAlerts::add, metrics,
        clock);
    assertThat(holder.adopt(Releases.champion("logistic", "v1"))).isTrue();
    driver = new TopologyTestDriver(ScoringTopology.build(holder, RuleHolder.of(RuleSet.EMPTY), ScorerConfig.DEFAULTS, metrics, clock,
        ExplanationPool.on(workers)), ScoringTopology.config(settings(StreamsConfig.STATE_DIR_CONFIG,
        stateDir.toString()), "unused:9092"));
    features = driver.createInputTopic(Topics.FEATURES.name(), new StringSerializer(),
        Topics.FEATURES.valueSerde().serializer());
    rawFeatures = driver.createInputTopic(Topics.FEATURES.name(), new StringSerializer(), new ByteArraySerializer());
    scores = driver.createOutputTopic(Topics.FRAUD_SCORES.name(), Topics.FRAUD_SCORES.keySerde().deserializer(),
        Topics.FRAUD_SCORES.valueSerde().deserializer());
    alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
        Topics.ALERTS.valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(Topics.TRANSACTIONS_DLQ.name(),
        Topics.TRANSACTIONS_DLQ.keySerde().deserializer(), Topics.TRANSACTIONS_DLQ.valueSerde().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldScoreEachFeatureVectorWithTheChampion() {
    FeatureVector first = vector("t-1", "card-a", LOW_AMOUNT);
    FeatureVector second = vector("t-2", "card-b", LOW_AMOUNT * 2);

    features.pipeInput(first.getCardToken(), first);
    features.pipeInput(second.getCardToken(), second);

    List<FraudScore> scored = scores.readValuesToList();
    assertThat(scored).extracting(FraudScore::getTransactionId).containsExactly("t-1", "t-2");
    assertThat(scored.get(0).getScore()).isCloseTo(amountModel.score(ModelInput.of(first)), within(1e-12));
    assertThat(scored.get(1).getScore()).isCloseTo(amountModel.score(ModelInput.of(second)), within(1e-12));
    assertThat(scored).allSatisfy(score -> {
      assertThat(score.getModelName()).isEqualTo("logistic");
      assertThat(score.getModelVersion()).isEqualTo("v1");
      assertThat(score.getDecision()).isEqualTo(Decision.APPROVE);
      assertThat(score.getScoredAt()).isEqualTo(PICKED_UP);
    });
  }

  @Test
  void shouldKeyScoresByCardToken() {
    features.pipeInput("card-a", vector("t-1", "card-a", LOW_AMOUNT));

    assertThat(scores.readKeyValue().key).isEqualTo("card-a");
  }

  @Test
  void shouldSkipATransactionIdAlreadyScored() {
    FeatureVector vector = vector("t-1", "card-a", LOW_AMOUNT);

    features.pipeInput(vector.getCardToken(), vector);
    features.pipeInput(vector.getCardToken(), vector);
    features.pipeInput("card-a", vector("t-2", "card-a", LOW_AMOUNT));

    assertThat(scores.readValuesToList()).extracting(FraudScore::getTransactionId).containsExactly("t-1", "t-2");
    assertThat(metrics.count("duplicate")).isEqualTo(1);
  }

  @Test
  void shouldScoreATransactionIdAgainOnceItsRetentionHasPassed() {
    FeatureVector early = vector("t-1", "card-a", LOW_AMOUNT);
    FeatureVector muchLater = vector("t-9", "card-a", LOW_AMOUNT);
    muchLater.setEventTime(T0.plus(Duration.ofDays(3)));
    FeatureVector replayed = vector("t-1", "card-a", LOW_AMOUNT);
    replayed.setEventTime(T0.plus(Duration.ofDays(3)));

    features.pipeInput("card-a", early);
    features.pipeInput("card-a", muchLater);
    features.pipeInput("card-a", replayed);

    assertThat(scores.readValuesToList()).extracting(FraudScore::getTransactionId).containsExactly("t-1", "t-9", "t-1");
  }

  @Test
  void shouldAlertWithTheExplanationAtOrAboveTheAlertThresholdAndWriteTheScoreWithoutIt() {
    FeatureVector risky = vector("t-1", "card-a", HIGH_AMOUNT);

    features.pipeInput(risky.getCardToken(), risky);

    FraudScore score = scores.readValue();
    assertThat(score.getDecision()).isEqualTo(Decision.DECLINE);
    assertThat(score.getBaseValue()).isNull();
    assertThat(score.getContributions()).isEmpty();

    var alert = alerts.readKeyValue();
    assertThat(alert.key).isEqualTo("fraud-t-1");
    assertThat(alert.value.getKind()).isEqualTo(AlertKind.FRAUD);
    assertThat(alert.value.getScore()).isEqualTo(score.getScore());
    assertThat(alert.value.getBaseValue()).isNotNull();
    assertThat(alert.value.getContributions()).hasSize(ExplainerConfig.DEFAULTS.topContributions());
    assertThat(alert.value.getContributions().get(0).getName()).isEqualTo("amount");
    double explained = alert.value.getBaseValue()
        + alert.value.getContributions().stream().mapToDouble(Contribution::getValue).sum();
    assertThat(explained).isCloseTo(score.getScore(), within(1e-6));
    assertThat(alert.value.getReferences()).containsEntry("transactionId", "t-1").containsEntry("modelVersion", "v1");
    assertThat(alert.value.getMessage()).contains("t-1", "DECLINE", "amount");
    assertThat(alert.value.getCreatedAt()).isEqualTo(score.getScoredAt());
    assertThat(alerts.isEmpty()).isTrue();
    assertThat(pendingExplanations()).isEmpty();
  }

  @Test
  void shouldWriteTheScoreAtOnceAndTheAlertWhenItsExplanationIsDone() {
    workers.hold();
    features.pipeInput("card-a", vector("t-1", "card-a", HIGH_AMOUNT));

    assertThat(scores.readValue().getTransactionId()).isEqualTo("t-1");
    assertThat(alerts.isEmpty()).isTrue();
    assertThat(pendingExplanations()).containsOnlyKeys("t-1");

    workers.runHeld();
    assertThat(alerts.isEmpty()).as("nothing is written between records and punctuations").isTrue();
    driver.advanceWallClockTime(ScoringTopology.ALERT_POLL_INTERVAL);

    assertThat(alerts.readValue().getAlertId()).isEqualTo("fraud-t-1");
    assertThat(pendingExplanations()).isEmpty();
    assertThat(metrics.explanations(false)).isEqualTo(1);
  }

  @Test
  void shouldWriteAFinishedAlertWhileProcessingTheNextRecord() {
    workers.hold();
    features.pipeInput("card-a", vector("t-1", "card-a", HIGH_AMOUNT));
    workers.runHeld();

    features.pipeInput("card-b", vector("t-2", "card-b", LOW_AMOUNT));

    assertThat(scores.readValuesToList()).extracting(FraudScore::getTransactionId).containsExactly("t-1", "t-2");
    assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId).containsExactly("fraud-t-1");
  }

  @Test
  void shouldExplainOnTheStreamThreadWhenTheWorkersQueueIsFull() {
    workers.refuse();

    features.pipeInput("card-a", vector("t-1", "card-a", HIGH_AMOUNT));

    Alert alert = alerts.readValue();
    assertThat(alert.getContributions()).isNotEmpty();
    assertThat(alert.getExplanationTimings().getInline()).isTrue();
    assertThat(alert.getExplanationTimings().getWaitMicros()).isZero();
    assertThat(metrics.explanations(true)).isEqualTo(1);
    assertThat(metrics.explanations(false)).isZero();
  }

  @Test
  void shouldChangelogAPendingExplanationUntilItsAlertIsWritten() {
    workers.hold();
    features.pipeInput("card-a", vector("t-1", "card-a", HIGH_AMOUNT));
    workers.runHeld();
    driver.advanceWallClockTime(ScoringTopology.ALERT_POLL_INTERVAL);

    TestOutputTopic<String, PendingExplanation> changelog = driver.createOutputTopic(
        ScoringTopology.APPLICATION_ID + "-" + ScoringTopology.PENDING_EXPLANATIONS_STORE + "-changelog",
        new StringDeserializer(), AvroSerde.of(PendingExplanation.class).deserializer());
    List<KeyValue<String, PendingExplanation>> entries = changelog.readKeyValuesToList();
    assertThat(entries).extracting(entry -> entry.key).containsExactly("t-1", "t-1");
    assertThat(entries.get(0).value.getScore()).isEqualTo(amountModel.score(ModelInput.of(vector("t", "c",
        HIGH_AMOUNT))));
    assertThat(entries.get(1).value).as("a tombstone once the alert is written").isNull();
  }

  @Test
  void shouldSendReviewScoresToAlertsToo() {
    features.pipeInput("card-a", vector("t-1", "card-a", REVIEW_AMOUNT));

    assertThat(scores.readValue().getDecision()).isEqualTo(Decision.REVIEW);
    assertThat(alerts.readValue().getSeverity().name()).isEqualTo("WARNING");
  }

  @Test
  void shouldNeitherExplainNorAlertBelowTheThresholds() {
    features.pipeInput("card-a", vector("t-1", "card-a", LOW_AMOUNT));

    FraudScore score = scores.readValue();
    assertThat(score.getBaseValue()).isNull();
    assertThat(score.getContributions()).isEmpty();
    assertThat(score.getTimings().getExplainMicros()).isZero();
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void shouldTimeTheQueueUntilPickupAndTheTotalUntilTheScoreIsWritten() {
    FeatureVector vector = vector("t-1", "card-a", HIGH_AMOUNT);
    vector.setIngestTime(T0.minusMillis(20));
    vector.setComputedAt(T0);
    clock.readsNext(PICKED_UP, SCORED);

    features.pipeInput("card-a", vector);

    FraudScore score = scores.readValue();
    assertThat(score.getTimings().getQueueMicros()).isEqualTo(7_000);   // computed at T0, picked up at T0 + 7 ms
    assertThat(score.getTimings().getTotalMicros()).isEqualTo(31_000);  // ingested at T0 - 20 ms, scored at T0 + 11 ms
    assertThat(score.getScoredAt()).isEqualTo(SCORED);
  }

  @Test
  void shouldCarryTheMeasuredModelStepAndNoExplanationTimeBelowTheThreshold() {
    features.pipeInput("card-a", vector("t-1", "card-a", LOW_AMOUNT));

    FraudScore score = scores.readValue();
    Timer model = latency("model");
    assertThat(model.count()).isEqualTo(1);
    assertThat((long) model.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(score.getTimings().getModelMicros()).isEqualTo((long) model.totalTime(TimeUnit.NANOSECONDS) / 1000);
    assertThat(score.getBaseValue()).isNull();
    assertThat(score.getTimings().getExplainMicros()).isZero();
    assertThat(latency("explain").count()).isZero();
  }

  @Test
  void shouldCarryTheMeasuredExplanationTimeOnTheAlert() {
    features.pipeInput("card-a", vector("t-1", "card-a", HIGH_AMOUNT));

    FraudScore score = scores.readValue();
    Alert alert = alerts.readValue();
    Timer explanation = latency("explain");
    assertThat(score.getTimings().getExplainMicros()).isZero();
    assertThat(explanation.count()).isEqualTo(1);
    assertThat(alert.getExplanationTimings().getExplainMicros()).isPositive()
        .isEqualTo((long) explanation.totalTime(TimeUnit.NANOSECONDS) / 1000);
    assertThat(alert.getExplanationTimings().getCpuMicros()).isPositive()
        .isLessThanOrEqualTo(alert.getExplanationTimings().getExplainMicros());
    assertThat(alert.getExplanationTimings().getInline()).isFalse();
    assertThat(latency("explain_wait").count()).isEqualTo(1);
    assertThat(score.getTimings().getModelMicros())
        .isEqualTo((long) latency("model").totalTime(TimeUnit.NANOSECONDS) / 1000);
  }

  @Test
  void shouldRouteUndecodableBytesToDeadLetters() {
    byte[] garbage = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);

    rawFeatures.pipeInput("card-a", garbage);

    var rejected = deadLetters.readKeyValue();
    assertThat(rejected.key).isEqualTo(Topics.FEATURES.name());
    assertThat(rejected.value.getReason()).isEqualTo(RejectReason.UNDECODABLE);
    assertThat(rejected.value.getOriginalBytes().array()).isEqualTo(garbage);
    assertThat(rejected.value.getSourceTopic()).isEqualTo(Topics.FEATURES.name());
    assertThat(rejected.value.getSourceOffset()).isZero();
    assertThat(scores.isEmpty()).isTrue();
  }

  @Test
  void shouldRouteAVectorOfAnotherFeatureSetToDeadLetters() {
    FeatureVector vector = vector("t-1", "card-a", LOW_AMOUNT);
    vector.setFeatureSetVersion("fraud_v2");

    features.pipeInput("card-a", vector);

    RejectedRecord rejected = deadLetters.readValue();
    assertThat(rejected.getReason()).isEqualTo(RejectReason.INVALID_FIELD);
    assertThat(rejected.getDetail()).contains("fraud_v2", "fraud_v1");
    assertThat(scores.isEmpty()).isTrue();
  }

  @Test
  void shouldRouteAVectorWithANonFiniteValueToDeadLetters() {
    FeatureVector vector = vector("t-1", "card-a", LOW_AMOUNT);
    List<Double> values = new ArrayList<>(vector.getValues());
    values.set(AMOUNT, Double.NaN);
    vector.setValues(values);

    features.pipeInput("card-a", vector);

    assertThat(deadLetters.readValue().getDetail()).contains("TX_AMOUNT", "NaN");
  }

  @Test
  void shouldRouteAVectorWithTooLongASequenceToDeadLetters() {
    ModelInput tooLong = SyntheticFeatures.random(new SplittableRandom(1), FraudV1.SEQUENCE_LENGTH);
    features.pipeInput("card-a", SyntheticFeatures.vector("t-1", "card-a", tooLong, T0));

    assertThat(deadLetters.readValue().getDetail()).contains("sequence has 11 steps");
  }

  @Test
  void shouldAccountForEveryVectorRead() {
    features.pipeInput("card-a", vector("t-1", "card-a", LOW_AMOUNT));
    features.pipeInput("card-a", vector("t-1", "card-a", LOW_AMOUNT));
    features.pipeInput("card-a", vector("t-2", "card-a", HIGH_AMOUNT));
    rawFeatures.pipeInput("card-a", new byte[] {1, 2, 3});

    assertThat(metrics.count("scored")).isEqualTo(2);
    assertThat(metrics.count("duplicate")).isEqualTo(1);
    assertThat(metrics.count("rejected")).isEqualTo(1);
    assertThat(scores.getQueueSize() + deadLetters.getQueueSize()).isEqualTo(3);
  }

  @Test
  void shouldScoreWithANewChampionFromTheNextRecord() {
    features.pipeInput("card-a", vector("t-1", "card-a", HIGH_AMOUNT));
    assertThat(holder.adopt(Releases.champion("logistic", "v2"))).isTrue();
    features.pipeInput("card-a", vector("t-2", "card-a", HIGH_AMOUNT));

    List<FraudScore> scored = scores.readValuesToList();
    assertThat(scored).extracting(FraudScore::getModelVersion).containsExactly("v1", "v2");
    assertThat(scored.get(1).getScore()).isCloseTo(amountModel(0.0).score(ModelInput.of(vector("t", "c", 1))),
        within(1e-12));
  }

  @Test
  void shouldFillStreamsDefaultsWithoutOverridingSettings() {
    Properties settings = settings(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-eu");
    settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20);

    Properties config = ScoringTopology.config(settings, "broker:9092");

    assertThat(config).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-eu")
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE)
        .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 1)
        .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    assertThat(settings).doesNotContainKey(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);

    settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(ScoringTopology.config(settings, "broker:9092"))
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

    settings.put(ProducerConfig.LINGER_MS_CONFIG, "3");
    assertThat(ScoringTopology.config(settings, "broker:9092")).as("every client's linger, from --kafka-config")
        .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "3");
    settings.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "7");
    assertThat(ScoringTopology.config(settings, "broker:9092")).as("the producer's own")
        .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "7");
  }

  /** What the task's store of pending explanations holds, by transaction id. */
  private Map<String, PendingExplanation> pendingExplanations() {
    Map<String, PendingExplanation> pending = new HashMap<>();
    KeyValueStore<String, PendingExplanation> store =
        driver.getKeyValueStore(ScoringTopology.PENDING_EXPLANATIONS_STORE);
    try (KeyValueIterator<String, PendingExplanation> entries = store.all()) {
      entries.forEachRemaining(entry -> pending.put(entry.key, entry.value));
    }
    return pending;
  }

  /** The scorer's latency timer of one stage, as the metrics registry holds it. */
  private Timer latency(String stage) {
    return metrics.registry().get("argus.scorer.latency").tag("stage", stage).timer();
  }

  private static Properties settings(String key, Object value) {
    Properties settings = new Properties();
    settings.put(key, value);
    return settings;
  }

  private FeatureVector vector(String transactionId, String card, double amount) {
    ModelInput input = background.get(0).copy();
    input.values()[AMOUNT] = amount;
    return SyntheticFeatures.vector(transactionId, card, input, T0);
  }

  /** sigmoid(slope * (amount - 200)): 0.5 at 200. */
  private static LinearModel amountModel(double slope) {
    double[] weights = new double[FEATURES.size()];
    weights[AMOUNT] = slope;
    return LinearModel.logistic(FEATURES, weights, -200 * slope);
  }

}
