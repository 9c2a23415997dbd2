package io.argus.pipeline.dashboard;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Channel;
import io.argus.avro.Contribution;
import io.argus.avro.Decision;
import io.argus.avro.FeatureVector;
import io.argus.avro.Forecast;
import io.argus.avro.ForecastPoint;
import io.argus.avro.FraudScore;
import io.argus.avro.ModelRelease;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.ReleaseStatus;
import io.argus.avro.Severity;
import io.argus.avro.Timings;
import io.argus.avro.Transaction;
import io.argus.features.FraudV1;
import io.argus.model.ModelInput;
import io.argus.model.features.NamedFeatures;
import io.argus.schemas.RejectedRecords;
import io.argus.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Readable records of every output topic for the dashboard's tests. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final Duration ONE_MINUTE = Duration.ofMinutes(1);
  static final String CARD = "card-token-1";

  private Fixtures() {
  }

  static Transaction tx(String transactionId, long amountMinor, Instant at) {
    return new Transaction(transactionId, at, CARD, "customer-1", "terminal-1", amountMinor, "EUR", "5411",
        Channel.CARD_PRESENT, null, at);
  }

  /** A score with the given stage latencies in microseconds: queue, model, explain (0: not explained), total. */
  static FraudScore score(String transactionId, double score, Decision decision, long queueMicros, long modelMicros,
                          long explainMicros, long totalMicros) {
    return new FraudScore(transactionId, CARD, T0, score, decision, "lstm", "v1", null, List.of(),
        new Timings(queueMicros, modelMicros, explainMicros, totalMicros), T0, List.of());
  }

  static FraudScore score(String transactionId, double score) {
    return score(transactionId, score, Decision.APPROVE, 1_000, 300, 0, 12_000);
  }

  static FraudScore scoreBy(String modelName, String modelVersion) {
    FraudScore score = score("t-" + modelVersion, 0.1);
    score.setModelName(modelName);
    score.setModelVersion(modelVersion);
    return score;
  }

  /** One SHAP contribution of a fraud_v1 static feature, which must be declared. */
  static Contribution feature(String name, double value, double featureValue) {
    FraudV1.FEATURE_SET.indexOf(name);
    return new Contribution(name, value, featureValue);
  }

  /** One SHAP contribution of a group (an earlier transaction, several features). */
  static Contribution group(String name, double value) {
    return new Contribution(name, value, null);
  }

  static Alert fraudAlert(String alertId, String transactionId, Instant at, Contribution... contributions) {
    return new Alert(alertId, AlertKind.FRAUD, Severity.CRITICAL, "Fraud score 0.93 for " + transactionId, at,
        Map.of(AlertFeed.TRANSACTION_REFERENCE, transactionId, "score", "0.93"), List.of(contributions), Map.of(),
        List.of());
  }

  /**
   * A fraud alert as the scorer writes it since rules: references with the model, the score, the decision, whether the
   * model alerted and the rules that fired; the transaction's features and three recent transactions of the card (one
   * hour apart, the last this one) as evidence.
   */
  static Alert caseAlert(String transactionId, Instant at, double score, boolean modelAlerted, String... rules) {
    Map<String, String> references = new LinkedHashMap<>();
    references.put(AlertFeed.TRANSACTION_REFERENCE, transactionId);
    references.put("cardToken", CARD);
    references.put("customerId", "customer-1");
    references.put("terminalId", "terminal-1");
    references.put("modelName", "lstm");
    references.put("modelVersion", "v2");
    references.put("eventTime", at.minusSeconds(2).toString());
    references.put("score", Double.toString(score));
    references.put("decision", rules.length > 0 ? "DECLINE" : "REVIEW");
    references.put("modelAlert", Boolean.toString(modelAlerted));
    if (rules.length > 0) {
      references.put("rules", String.join(",", rules));
    }
    Map<String, Double> features = new LinkedHashMap<>();
    for (String name : FraudV1.FEATURE_SET.staticNames()) {
      features.put(name, name.equals(FraudV1.TX_AMOUNT) ? 950.0 : 0.0);
    }
    List<Map<String, Double>> recent = new ArrayList<>();
    for (double amount : new double[] {12.5, 40.0, 950.0}) {
      recent.add(Map.of(FraudV1.SEQ_AMOUNT, amount, FraudV1.SEQ_SECONDS_SINCE_PREVIOUS, 3_600.0,
          FraudV1.SEQ_TERMINAL_RISK, 0.0, FraudV1.SEQ_NEW_TERMINAL, amount > 900 ? 1.0 : 0.0, FraudV1.SEQ_PRESENT, 1.0));
    }
    return new Alert("fraud-" + transactionId, AlertKind.FRAUD, Severity.CRITICAL,
        "transaction " + transactionId + " scored " + score, at, references,
        List.of(new Contribution(FraudV1.TX_AMOUNT, 0.41, 950.0)), features, recent);
  }

  static Alert alert(String alertId, AlertKind kind, Severity severity, String message, Instant at) {
    return new Alert(alertId, kind, severity, message, at, Map.of(), List.of(), Map.of(), List.of());
  }

  static RejectedRecord rejected(RejectReason reason) {
    return RejectedRecords.of(Topics.TRANSACTIONS_RAW.name(), 0, 0L,
        "{\"amount\": -1}".getBytes(StandardCharsets.UTF_8), reason, "field amount: expected a positive decimal",
        Clock.fixed(T0, ZoneOffset.UTC));
  }

  static ModelRelease release(String name, String version, ReleaseStatus status, double averagePrecision,
                              Instant at) {
    return new ModelRelease(name, version, "file:models/" + name + "-" + version, "ab12", FraudV1.VERSION,
        Map.of("average_precision", averagePrecision, "auc_roc", 0.87), status, "2018-08-08..2018-08-14", at);
  }

  /** A forecast of {@code series} issued at {@code issueTime}: one point a minute from then, mean ± 10 %. */
  static Forecast forecast(String series, Instant issueTime, int minutes, double mean) {
    List<ForecastPoint> points = new ArrayList<>();
    for (int minute = 0; minute < minutes; minute++) {
      points.add(new ForecastPoint(issueTime.plus(ONE_MINUTE.multipliedBy(minute)), mean, mean - mean / 10, mean + mean / 10));
    }
    return new Forecast(series, issueTime, 60, "holt_winters", 0.9, points);
  }

  /** The features of {@link #features(String)} by name. */
  static NamedFeatures named(String transactionId) {
    return new NamedFeatures(transactionId, ModelInput.of(features(transactionId)));
  }

  /** A fraud_v1 vector whose static values are 1, 2, 3... and whose sequence steps hold 10·step + position. */
  static FeatureVector features(String transactionId) {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < FraudV1.FEATURE_SET.staticFeatures().size(); i++) {
      values.add(i + 1.0);
    }
    List<List<Double>> sequence = new ArrayList<>();
    for (int step = 0; step < FraudV1.SEQUENCE_LENGTH; step++) {
      List<Double> stepValues = new ArrayList<>();
      for (int j = 0; j < FraudV1.FEATURE_SET.sequenceStep().size(); j++) {
        stepValues.add(10.0 * step + j);
      }
      sequence.add(stepValues);
    }
    return new FeatureVector(transactionId, T0, CARD, "customer-1", "terminal-1", FraudV1.VERSION, values, sequence,
        T0, T0);
  }
}
