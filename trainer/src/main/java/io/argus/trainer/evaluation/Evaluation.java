package io.argus.trainer.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's test figures on one evaluation window: ranking quality (AUC ROC, average precision, card
 * precision@100), calibration (Brier score), the operating threshold for a target alert rate with the rates it gives,
 * and true/false positive rates per customer segment at that threshold (fairness).
 */
public record Evaluation(
    int transactions, long frauds, double aucRoc, double averagePrecision, double cardPrecisionAt100,
    double brierScore, double alertRate, double threshold, double truePositiveRate, double falsePositiveRate,
    List<SegmentRates> segments) {

  public Evaluation {
    segments = List.copyOf(segments);
  }

  /** True and false positive rates of one customer segment at the operating threshold. */
  public record SegmentRates(String dimension, String segment, int transactions, long frauds,
      double truePositiveRate, double falsePositiveRate) {
  }

  /** The headline figures by their JSON names (the artifact manifest and {@code ModelRelease.metrics}). */
  public Map<String, Double> metrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("auc_roc", aucRoc);
    metrics.put("average_precision", averagePrecision);
    metrics.put("card_precision_at_100", cardPrecisionAt100);
    metrics.put("brier_score", brierScore);
    metrics.put("alert_threshold", threshold);
    metrics.put("true_positive_rate", truePositiveRate);
    metrics.put("false_positive_rate", falsePositiveRate);
    return metrics;
  }
}
