package io.argus.scorer;

import io.argus.avro.Alert;
import io.argus.avro.FraudScore;
import io.argus.avro.PendingExplanation;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Timings;
import io.argus.features.FraudV1;
import io.argus.schemas.AvroDecodingException;
import io.argus.schemas.RejectedRecords;
import io.argus.schemas.Topics;
import io.argus.scorer.FeatureVectorCheck.Problem;
import io.argus.scorer.alert.ExplanationPool;
import io.argus.scorer.alert.FraudAlerts;
import io.argus.scorer.alert.PendingAlerts;
import io.argus.scorer.metrics.ScorerMetrics;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.rules.RuleHolder;
import io.argus.scorer.rules.TransactionFields;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of {@link ScoringTopology} for one record. One instance per stream task, so its {@link TransactionScorer}
 * (and the network copy inside) is only ever used by one thread.
 *
 * <p>Every vector is scored, the rules in force evaluated beside the model, and its {@code FraudScore} (with the rules
 * that fired) written at once; an alerted one (by the model or a REVIEW or DECLINE rule) is also kept in the task's
 * store of pending explanations and explained off the stream thread ({@link PendingAlerts}). Its {@code Alert} is
 * written when the explanation is done: at the next record, or by a wall-clock punctuation that runs while
 * explanations are outstanding (and only then, so an idle task does not commit for nothing).
 */
final class ScoringProcessor implements Processor<String, byte[], String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);
  private static final FeatureVectorCheck CHECK = new FeatureVectorCheck(FraudV1.FEATURE_SET);

  private final ModelHolder holder;
  private final ScorerConfig config;
  private final ScorerMetrics metrics;
  private final Clock clock;
  private final ExplanationPool explanations;
  private final TransactionScorer scorer;
  private final FeatureVectorReader reader = new FeatureVectorReader();
  private ProcessorContext<String, SpecificRecord> context;
  private WindowStore<String, Long> scoredIds;
  private PendingAlerts pendingAlerts;
  private Cancellable alertPoll;

  ScoringProcessor(ModelHolder holder, RuleHolder rules, ScorerConfig config, ScorerMetrics metrics, Clock clock,
      ExplanationPool explanations) {
    this.holder = holder;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.explanations = explanations;
    this.scorer = new TransactionScorer(holder, config.thresholds(), rules);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.scoredIds = context.getStateStore(ScoringTopology.SCORED_IDS_STORE);
    KeyValueStore<String, PendingExplanation> pending =
        context.getStateStore(ScoringTopology.PENDING_EXPLANATIONS_STORE);
    this.pendingAlerts = new PendingAlerts(pending, explanations, holder, metrics,
        config.explainer().topContributions());
    int restored = pendingAlerts.resubmitAll();
    if (restored > 0) {
      LOG.info("Task {}: {} alert(s) still waiting for their explanation after a restart, explaining them now",
          context.taskId(), restored);
    }
    // nothing may be forwarded from init (no record context, sinks not initialised yet): a punctuation writes them
    pollWhileOutstanding();
  }

  @Override
  public void process(Record<String, byte[]> record) {
    long pickedUp = clock.millis();
    TransactionFeatures features;
    try {
      features = reader.read(record.value());
    } catch (AvroDecodingException e) {
      reject(record, RejectReason.UNDECODABLE, e.getMessage());
      return;
    }
    Problem problem = CHECK.check(features);
    if (problem != null) {
      reject(record, problem.reason(), problem.detail());
      return;
    }
    long eventTime = features.eventTime();
    long offset = context.recordMetadata().orElseThrow().offset();
    Long scoredFrom = scoredIds.fetch(features.transactionId(), eventTime);
    // the same offset: this record read again after a crash (at least once), so its score is written again
    if (scoredFrom != null && scoredFrom != offset) {
      metrics.duplicate();
      forwardFinishedAlerts();
      return;
    }
    TransactionScorer.Result result;
    try {
      result = scorer.scoreOnly(features.input(), TransactionFields.of(features));
    } catch (IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.error("The model failed on transaction {}; sent to the dead letters", features.transactionId(), e);
      reject(record, RejectReason.OTHER, "the model failed: " + e);
      return;
    }
    scoredIds.put(features.transactionId(), offset, eventTime);
    long scoredAt = clock.millis();
    long queueMicros = features.computedAt() > 0 ? Math.max(0, pickedUp - features.computedAt()) * 1000 : 0;
    long totalMicros = features.ingestTime() > 0 ? Math.max(0, scoredAt - features.ingestTime()) * 1000 : 0;
    Timings timings = new Timings(queueMicros, result.modelNanos() / 1000, 0L, totalMicros);
    context.forward(record.withKey(features.cardToken())
        .<SpecificRecord>withValue(fraudScore(features, result, timings, scoredAt)), ScoringTopology.SCORES_SINK);
    if (result.alert()) {
      pendingAlerts.add(FraudAlerts.pending(features.transactionId(), features.cardToken(), features.customerId(),
          features.terminalId(), eventTime, features.input(), result.score(), result.decision(), result.modelName(),
          result.modelVersion(), scoredAt, result.rules()), features.input(), scorer.serving());
    }
    metrics.scored(result.decision(), result.alert(), queueMicros, result.modelNanos(), -1, totalMicros);
    forwardFinishedAlerts();
  }

  @Override
  public void close() {
    pendingAlerts.close();
    if (alertPoll != null) {
      alertPoll.cancel();
    }
  }

  private static FraudScore fraudScore(TransactionFeatures features, TransactionScorer.Result result,
      Timings timings, long scoredAt) {
    return FraudScore.newBuilder()
        .setTransactionId(features.transactionId())
        .setCardToken(features.cardToken())
        .setEventTime(Instant.ofEpochMilli(features.eventTime()))
        .setScore(result.score())
        .setDecision(result.decision())
        .setModelName(result.modelName())
        .setModelVersion(result.modelVersion())
        .setBaseValue(null)
        .setContributions(List.of())
        .setTimings(timings)
        .setScoredAt(Instant.ofEpochMilli(scoredAt))
        .setRules(result.rules().firedRules())
        .build();
  }

  /** Writes the alerts explained so far (on the stream thread, so with the task's other outputs). */
  private void forwardFinishedAlerts() {
    pendingAlerts.forwardFinished(alert -> context.forward(
        new Record<String, SpecificRecord>(alert.getAlertId(), alert, alert.getCreatedAt().toEpochMilli()),
        ScoringTopology.ALERTS_SINK));
    pollWhileOutstanding();
  }

  /** Keeps a wall-clock punctuation polling for finished explanations while some are outstanding, and only then. */
  private void pollWhileOutstanding() {
    boolean outstanding = pendingAlerts.outstanding() > 0;
    if (outstanding && alertPoll == null) {
      alertPoll = context.schedule(ScoringTopology.ALERT_POLL_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
          timestamp -> forwardFinishedAlerts());
    } else if (!outstanding && alertPoll != null) {
      alertPoll.cancel();
      alertPoll = null;
    }
  }

  private void reject(Record<String, byte[]> record, RejectReason reason, String detail) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    RejectedRecord rejected = RejectedRecords.of(source.topic(), source.partition(), source.offset(), record.value(),
        reason, detail, clock);
    context.forward(record.withKey(Topics.FEATURES.name()).<SpecificRecord>withValue(rejected),
        ScoringTopology.DEAD_LETTERS_SINK);
    metrics.rejected();
  }
}
