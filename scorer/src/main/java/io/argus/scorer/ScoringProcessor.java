package io.argus.scorer;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Contribution;
import io.argus.avro.Decision;
import io.argus.avro.FeatureVector;
import io.argus.avro.FraudScore;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Severity;
import io.argus.avro.Timings;
import io.argus.features.FraudV1;
import io.argus.model.ModelInput;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.AvroDecodingException;
import io.argus.schemas.RejectedRecords;
import io.argus.schemas.Topics;
import io.argus.scorer.FeatureVectorCheck.Problem;
import io.argus.scorer.metrics.ScorerMetrics;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.rules.RuleHolder;
import io.argus.scorer.rules.TransactionFields;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of {@link ScoringTopology} for one record. One instance per stream task, so its {@link TransactionScorer}
 * (and the network copy inside) is only ever used by one thread.
 */
final class ScoringProcessor implements Processor<String, byte[], String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);
  private static final AvroCodec<FeatureVector> CODEC = AvroCodec.of(FeatureVector.class);
  private static final FeatureVectorCheck CHECK = new FeatureVectorCheck(FraudV1.FEATURE_SET);

  private final ScorerConfig config;
  private final ScorerMetrics metrics;
  private final Clock clock;
  private final TransactionScorer scorer;
  private ProcessorContext<String, SpecificRecord> context;
  private WindowStore<String, Long> scoredIds;

  ScoringProcessor(ModelHolder holder, RuleHolder rules, ScorerConfig config, ScorerMetrics metrics, Clock clock) {
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.scorer = new TransactionScorer(holder, config.thresholds(), rules);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.scoredIds = context.getStateStore(ScoringTopology.SCORED_IDS_STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    long pickedUp = clock.millis();
    FeatureVector vector;
    try {
      vector = CODEC.decode(record.value());
    } catch (AvroDecodingException e) {
      reject(record, RejectReason.UNDECODABLE, e.getMessage());
      return;
    }
    Problem problem = CHECK.check(vector);
    if (problem != null) {
      reject(record, problem.reason(), problem.detail());
      return;
    }
    long eventTime = vector.getEventTime().toEpochMilli();
    if (alreadyScored(vector.getTransactionId(), eventTime)) {
      metrics.duplicate();
      return;
    }
    TransactionScorer.Result result;
    try {
      result = scorer.score(ModelInput.of(vector), TransactionFields.of(vector));
    } catch (IllegalStateException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.error("The model failed on transaction {}; sent to the dead letters", vector.getTransactionId(), e);
      reject(record, RejectReason.OTHER, "the model failed: " + e);
      return;
    }
    scoredIds.put(vector.getTransactionId(), eventTime, eventTime);
    long scoredAt = clock.millis();
    long queueMicros = vector.getComputedAt().toEpochMilli() > 0
        ? Math.max(0, pickedUp - vector.getComputedAt().toEpochMilli()) * 1000 : 0;
    long totalMicros = vector.getIngestTime().toEpochMilli() > 0
        ? Math.max(0, scoredAt - vector.getIngestTime().toEpochMilli()) * 1000 : 0;
    List<Contribution> contributions = result.explanation() == null
        ? List.of() : result.explanation().top(config.explainer().topContributions());
    Timings timings = new Timings(queueMicros, result.modelNanos() / 1000, Math.max(0, result.explainNanos() / 1000),
        totalMicros);
    FraudScore score = fraudScore(vector, result, contributions, timings, scoredAt);
    context.forward(record.withKey(vector.getCardToken()).<SpecificRecord>withValue(score),
        ScoringTopology.SCORES_SINK);
    if (result.alert()) {
      Alert alert = alert(vector, result, contributions, scoredAt);
      context.forward(record.withKey(alert.getAlertId()).<SpecificRecord>withValue(alert),
          ScoringTopology.ALERTS_SINK);
    }
    metrics.scored(result.decision(), result.alert(), queueMicros, result.modelNanos(), result.explainNanos(),
        totalMicros);
  }

  private static FraudScore fraudScore(FeatureVector vector, TransactionScorer.Result result,
      List<Contribution> contributions, Timings timings, long scoredAt) {
    return FraudScore.newBuilder()
        .setTransactionId(vector.getTransactionId())
        .setCardToken(vector.getCardToken())
        .setEventTime(vector.getEventTime())
        .setScore(result.score())
        .setDecision(result.decision())
        .setModelName(result.modelName())
        .setModelVersion(result.modelVersion())
        .setBaseValue(result.explanation() == null ? null : result.explanation().baseValue())
        .setContributions(contributions)
        .setTimings(timings)
        .setScoredAt(Instant.ofEpochMilli(scoredAt))
        .setRules(result.rules().firedRules())
        .build();
  }

  private boolean alreadyScored(String transactionId, long eventTime) {
    long retention = config.deduplicationRetention().toMillis();
    try (WindowStoreIterator<Long> seen = scoredIds.fetch(transactionId, Math.max(0, eventTime - retention),
        eventTime + retention)) {
      return seen.hasNext();
    }
  }

  private static Alert alert(FeatureVector vector, TransactionScorer.Result result, List<Contribution> contributions,
      long createdAt) {
    String reasons = contributions.stream()
        .map(contribution -> String.format(Locale.ROOT, "%s %+.3f", contribution.getName(), contribution.getValue()))
        .collect(Collectors.joining(", "));
    return Alert.newBuilder()
        .setAlertId("fraud-" + vector.getTransactionId())
        .setKind(AlertKind.FRAUD)
        .setSeverity(result.decision() == Decision.DECLINE ? Severity.CRITICAL
            : result.decision() == Decision.REVIEW ? Severity.WARNING : Severity.INFO)
        .setMessage(String.format(Locale.ROOT, "transaction %s scored %.3f (%s) by %s %s%s%s",
            vector.getTransactionId(), result.score(), result.decision(), result.modelName(), result.modelVersion(),
            result.rules().describe(), reasons.isEmpty() ? "" : "; top reasons: " + reasons))
        .setCreatedAt(Instant.ofEpochMilli(createdAt))
        .setReferences(references(vector, result))
        .setContributions(contributions)
        .setFeatures(CaseEvidence.features(vector))
        .setRecentTransactions(CaseEvidence.recentTransactions(vector))
        .build();
  }

  /** The alert's references: the transaction, the model, the score, and what the rules decided. */
  private static Map<String, String> references(FeatureVector vector, TransactionScorer.Result result) {
    Map<String, String> references = new LinkedHashMap<>(Map.of("transactionId", vector.getTransactionId(),
        "cardToken", vector.getCardToken(), "customerId", vector.getCustomerId(), "terminalId", vector.getTerminalId(),
        "modelName", result.modelName(), "modelVersion", result.modelVersion(),
        "eventTime", vector.getEventTime().toString(), "score", Double.toString(result.score())));
    references.putAll(result.rules().alertReferences());
    return references;
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
