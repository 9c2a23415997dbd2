package io.argus.schemas;

import io.argus.avro.Alert;
import io.argus.avro.CaseDecision;
import io.argus.avro.CheckedRecord;
import io.argus.avro.FeatureVector;
import io.argus.avro.Forecast;
import io.argus.avro.FraudLabel;
import io.argus.avro.FraudScore;
import io.argus.avro.ModelRelease;
import io.argus.avro.RejectedRecord;
import io.argus.avro.RiskRule;
import io.argus.avro.Transaction;
import io.argus.schemas.Topic.CleanupPolicy;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed catalogue of every Argus topic: the only place a topic name is written. Keys are the card token
 * unless said otherwise; every value is Avro single-object encoded, except the JSON of {@code transactions-raw},
 * which external producers write.
 */
public final class Topics {

  private static final int STREAM_PARTITIONS = 4;
  private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);
  /** Seven years: a common retention for payment audit records (PCI DSS asks for at least one). */
  private static final Duration AUDIT_RETENTION = Duration.ofDays(7 * 365 + 2);

  /** JSON transactions from any external producer; key optional. */
  public static final Topic<String, byte[]> TRANSACTIONS_RAW = new Topic<>(
      "transactions-raw", Serdes.String(), Serdes.ByteArray(), STREAM_PARTITIONS, CleanupPolicy.DELETE, null);

  /**
   * Between the validator's two stages: every raw record after the first stage's checks, accepted or rejected, with
   * its raw position. Key: the card token of an accepted transaction, the source topic of a rejection. Its partition
   * count must never change: the second stage's replay check relies on each raw record always going to one partition.
   */
  public static final Topic<String, CheckedRecord> TRANSACTIONS_CHECKED = new Topic<>(
      "transactions-checked", Serdes.String(), AvroSerde.of(CheckedRecord.class), STREAM_PARTITIONS,
      CleanupPolicy.DELETE, null);

  public static final Topic<String, Transaction> TRANSACTIONS = new Topic<>(
      "transactions", Serdes.String(), AvroSerde.of(Transaction.class), STREAM_PARTITIONS, CleanupPolicy.DELETE,
      null);

  /** Rejected inputs; key is the source topic name. Kept long so operations can replay them. */
  public static final Topic<String, RejectedRecord> TRANSACTIONS_DLQ = new Topic<>(
      "transactions-dlq", Serdes.String(), AvroSerde.of(RejectedRecord.class), 1, CleanupPolicy.DELETE,
      DEAD_LETTER_RETENTION);

  public static final Topic<String, FraudLabel> FRAUD_LABELS = new Topic<>(
      "fraud-labels", Serdes.String(), AvroSerde.of(FraudLabel.class), STREAM_PARTITIONS, CleanupPolicy.DELETE,
      null);

  public static final Topic<String, FeatureVector> FEATURES = new Topic<>(
      "features", Serdes.String(), AvroSerde.of(FeatureVector.class), STREAM_PARTITIONS, CleanupPolicy.DELETE,
      null);

  public static final Topic<String, FraudScore> FRAUD_SCORES = new Topic<>(
      "fraud-scores", Serdes.String(), AvroSerde.of(FraudScore.class), STREAM_PARTITIONS, CleanupPolicy.DELETE,
      null);

  /** Key: the alert id. */
  public static final Topic<String, Alert> ALERTS = new Topic<>(
      "alerts", Serdes.String(), AvroSerde.of(Alert.class), 1, CleanupPolicy.DELETE, null);

  /** Key: the series name; compacted, so the latest forecast per series stays. */
  public static final Topic<String, Forecast> FORECASTS = new Topic<>(
      "forecasts", Serdes.String(), AvroSerde.of(Forecast.class), 1, CleanupPolicy.COMPACT, null);

  /** Key: the model name; compacted, so the latest release per model stays. */
  public static final Topic<String, ModelRelease> MODEL_RELEASES = new Topic<>(
      "model-releases", Serdes.String(), AvroSerde.of(ModelRelease.class), 1, CleanupPolicy.COMPACT, null);

  /**
   * Risk rules beside the model. Key: the rule id; compacted, so the latest version of each rule stays and a
   * tombstone (a null value) retires the rule.
   */
  public static final Topic<String, RiskRule> RULES = new Topic<>(
      "rules", Serdes.String(), AvroSerde.of(RiskRule.class), 1, CleanupPolicy.COMPACT, null);

  /** Analysts' verdicts on alerts, the audit trail of case review; key: the alert id. Append-only, kept long. */
  public static final Topic<String, CaseDecision> CASE_DECISIONS = new Topic<>(
      "case-decisions", Serdes.String(), AvroSerde.of(CaseDecision.class), 1, CleanupPolicy.DELETE, AUDIT_RETENTION);

  public static final List<Topic<?, ?>> ALL = List.of(
      TRANSACTIONS_RAW, TRANSACTIONS_CHECKED, TRANSACTIONS, TRANSACTIONS_DLQ, FRAUD_LABELS, FEATURES, FRAUD_SCORES,
      ALERTS, FORECASTS, MODEL_RELEASES, RULES, CASE_DECISIONS);

  private Topics() {
  }
}
