package io.argus.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.avro.Alert;
import io.argus.avro.Contribution;
import io.argus.avro.FeatureVector;
import io.argus.avro.FraudScore;
import io.argus.avro.PendingExplanation;
import io.argus.features.FraudV1;
import io.argus.model.ModelInput;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.AvroSerde;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scoring processor across a task closing and opening again (a restart, a rebalance), with a mock context and
 * real in-memory stores: an alert whose explanation had not finished when its task closed is explained, and written
 * once, by the next processor of the task, which finds it in the store as restoration from the changelog leaves it.
 */
class ScoringProcessorRestartTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:15:30Z");
  private static final List<String> FEATURES = FraudV1.FEATURE_SET.staticNames();
  private static final int AMOUNT = FEATURES.indexOf("TX_AMOUNT");
  private static final AvroCodec<FeatureVector> VECTORS = AvroCodec.of(FeatureVector.class);

  private final List<ModelInput> background = SyntheticFeatures.sample(30, 11);
  private final ScorerMetrics metrics = new ScorerMetrics(new SimpleMeterRegistry());
  private final HeldJobs workers = new HeldJobs();
  private final ExplanationPool pool = ExplanationPool.on(workers);
  private ModelHolder holder;

  @BeforeEach
  void adoptAModel() {
    double[] weights = new double[FEATURES.size()];
    weights[AMOUNT] = 0.02;
    LinearModel model = LinearModel.logistic(FEATURES, weights, -4);
    holder = new ModelHolder(release -> Releases.loaded(model, background), FraudV1.FEATURE_SET,
        ExplainerConfig.DEFAULTS, alert -> { }, metrics, new ScriptedClock(T0));
    assertThat(holder.adopt(Releases.champion("logistic", "v1"))).isTrue();
  }

  @Test
  void shouldExplainAfterARestartAnAlertStillPendingWhenItsTaskClosed() {
    workers.hold();
    MockProcessorContext<String, SpecificRecord> before = new MockProcessorContext<>();
    KeyValueStore<String, PendingExplanation> pendingBefore = pendingStore(before);
    ScoringProcessor first = processor(before, pendingBefore);

    first.process(new Record<>("card-a", VECTORS.encode(risky("t-1")), T0.toEpochMilli()));
    FraudScore score = (FraudScore) before.forwarded(ScoringTopology.SCORES_SINK).get(0).record().value();
    assertThat(before.scheduledPunctuators()).hasSize(1);
    first.close();
    workers.runHeld();
    before.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.toEpochMilli());

    assertThat(before.forwarded(ScoringTopology.ALERTS_SINK)).as("nothing written after the task closed").isEmpty();
    assertThat(entries(pendingBefore)).extracting(entry -> entry.key).containsExactly("t-1");

    MockProcessorContext<String, SpecificRecord> after = new MockProcessorContext<>();
    KeyValueStore<String, PendingExplanation> restored = pendingStore(after);
    entries(pendingBefore).forEach(entry -> restored.put(entry.key, entry.value));
    processor(after, restored);
    assertThat(after.forwarded()).as("nothing is forwarded from init").isEmpty();
    assertThat(after.scheduledPunctuators()).hasSize(1);
    after.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.toEpochMilli());

    List<MockProcessorContext.CapturedForward<?, ?>> written = List.copyOf(after.forwarded(ScoringTopology.ALERTS_SINK));
    assertThat(written).hasSize(1);
    Alert alert = (Alert) written.get(0).record().value();
    assertThat(alert.getAlertId()).isEqualTo("fraud-t-1");
    assertThat(alert.getScore()).isEqualTo(score.getScore());
    assertThat(alert.getContributions()).isNotEmpty();
    assertThat(alert.getBaseValue() + alert.getContributions().stream().mapToDouble(Contribution::getValue).sum())
        .isCloseTo(score.getScore(), within(1e-6));
    assertThat(after.forwarded(ScoringTopology.SCORES_SINK)).as("the score is not written again").isEmpty();
    assertThat(entries(restored)).isEmpty();
    assertThat(metrics.registry().get("argus.scorer.explanations.resubmitted").counter().count()).isEqualTo(1);
  }

  @Test
  void shouldScoreAgainARecordReadAgainAfterACrashButSkipTheSameTransactionAtAnotherOffset() {
    MockProcessorContext<String, SpecificRecord> before = new MockProcessorContext<>();
    WindowStore<String, Long> scoredIds = scoredIdsStore(before);
    ScoringProcessor first = processor(before, pendingStore(before), scoredIds);
    byte[] vector = VECTORS.encode(SyntheticFeatures.vector("t-1", "card-a", background.get(1), T0));
    before.setRecordMetadata("features", 0, 41);
    first.process(new Record<>("card-a", vector, T0.toEpochMilli()));
    first.close();

    // at least once: the scorer died before committing offset 41, so the next processor of the task reads it again,
    // with the store as it was; then the feature job, restored, serves the same transaction again at offset 57
    MockProcessorContext<String, SpecificRecord> after = new MockProcessorContext<>();
    ScoringProcessor second = processor(after, pendingStore(after), scoredIds);
    after.setRecordMetadata("features", 0, 41);
    second.process(new Record<>("card-a", vector, T0.toEpochMilli()));
    after.setRecordMetadata("features", 0, 57);
    second.process(new Record<>("card-a", vector, T0.toEpochMilli()));

    assertThat(before.forwarded(ScoringTopology.SCORES_SINK)).hasSize(1);
    List<FraudScore> again = after.forwarded(ScoringTopology.SCORES_SINK).stream()
        .map(forward -> (FraudScore) forward.record().value()).toList();
    assertThat(again).as("offset 41 scored again, offset 57 skipped").singleElement()
        .satisfies(score -> assertThat(score.getTransactionId()).isEqualTo("t-1"));
    assertThat(metrics.count("duplicate")).isEqualTo(1);
    assertThat(metrics.count("scored")).isEqualTo(2);
  }

  private ScoringProcessor processor(MockProcessorContext<String, SpecificRecord> context,
      KeyValueStore<String, PendingExplanation> pending) {
    return processor(context, pending, scoredIdsStore(context));
  }

  private ScoringProcessor processor(MockProcessorContext<String, SpecificRecord> context,
      KeyValueStore<String, PendingExplanation> pending, WindowStore<String, Long> scoredIds) {
    context.addStateStore(scoredIds);
    context.addStateStore(pending);
    context.setRecordMetadata("features", 0, 0);
    ScoringProcessor processor = new ScoringProcessor(holder, RuleHolder.of(RuleSet.EMPTY), ScorerConfig.DEFAULTS,
        metrics, new ScriptedClock(T0), pool);
    processor.init(context);
    return processor;
  }

  private static WindowStore<String, Long> scoredIdsStore(MockProcessorContext<?, ?> context) {
    WindowStore<String, Long> store = Stores.windowStoreBuilder(Stores.inMemoryWindowStore(
            ScoringTopology.SCORED_IDS_STORE, Duration.ofHours(24), Duration.ofHours(24), false),
        Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  private static KeyValueStore<String, PendingExplanation> pendingStore(MockProcessorContext<?, ?> context) {
    KeyValueStore<String, PendingExplanation> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ScoringTopology.PENDING_EXPLANATIONS_STORE), Serdes.String(),
            AvroSerde.of(PendingExplanation.class))
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  private static List<KeyValue<String, PendingExplanation>> entries(KeyValueStore<String, PendingExplanation> store) {
    try (KeyValueIterator<String, PendingExplanation> all = store.all()) {
      List<KeyValue<String, PendingExplanation>> entries = new java.util.ArrayList<>();
      all.forEachRemaining(entries::add);
      return entries;
    }
  }

  private FeatureVector risky(String transactionId) {
    ModelInput input = background.get(0).copy();
    input.values()[AMOUNT] = 900;
    return SyntheticFeatures.vector(transactionId, "card-a", input, T0);
  }
}
