package io.argus.pipeline.dashboard;

import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows at one moment, as the JSON (snake_case names) that {@code GET /api/snapshot} returns and
 * {@code GET /events} pushes. Times are epoch milliseconds, latencies milliseconds, rates per second.
 */
record Snapshot(
    long generatedAt,
    Rates rates,
    Throughput throughput,
    Map<String, Long> recordsByTopic,
    Map<String, Long> unreadableByTopic,
    Scores scores,
    Map<String, RecentLatencies.Percentiles> latency,
    Alerts alerts,
    List<Series> forecasts,
    Models models,
    DeadLetters deadLetters,
    CaseQueue.Summary cases,
    RuleBook.View rules) {

  /**
   * Records per second over the last {@code windowSeconds} complete seconds, and alerts over the last complete minute,
   * by record timestamp.
   */
  record Rates(
      double transactionsPerSecond, double scoresPerSecond, double rejectedPerSecond, int windowSeconds,
      double alertsPerMinute) {
  }

  /** Records counted in each second, by record timestamp, from {@code start} (epoch ms) on, one a second. */
  record Throughput(long start, long[] transactions, long[] scores) {
  }

  /** Histogram of the most recent scores over [0, 1], and the decisions of every score read. */
  record Scores(double binWidth, long[] histogram, int samples, Map<String, Long> decisions) {
  }

  /** Alert counts since start by kind, and the most recent alerts, newest first. */
  record Alerts(long total, Map<String, Long> byKind, List<AlertItem> recent) {
  }

  /** One alert; {@code featuresHeld} says whether the what-if panel can load its transaction's features. */
  record AlertItem(
      String alertId, String kind, String severity, String message, long createdAt, Map<String, String> references,
      List<ContributionItem> contributions, String transactionId, boolean featuresHeld) {
  }

  /** One signed SHAP contribution; {@code featureValue} only for a group of one feature. */
  record ContributionItem(String name, double value, Double featureValue) {
  }

  /** One forecast series: the forecast points kept (each as last forecast before its time) and actual values. */
  record Series(
      String series, String method, double intervalLevel, long issueTime, int stepSeconds, List<Point> forecast,
      List<Actual> actual) {
  }

  record Point(long time, double mean, double lower, double upper) {
  }

  record Actual(long time, double value) {
  }

  /** The models seen scoring, the releases, and the promotion history (releases and MODEL alerts), newest first. */
  record Models(List<Serving> serving, List<Release> releases, List<HistoryEntry> history) {
  }

  record Serving(String modelName, String modelVersion, long scores, long lastScoredAt) {
  }

  record Release(
      String name, String version, String status, String featureSetVersion, Map<String, Double> metrics,
      String evaluationWindow, long releasedAt) {
  }

  /**
   * {@code kind} is RELEASE, DECISION (training, skipped, promoted, rejected, failed) or ALERT; {@code level} the
   * release status, the decision or the alert severity.
   */
  record HistoryEntry(long time, String kind, String title, String detail, String level) {
  }

  record DeadLetters(long total, Map<String, Long> byReason) {
  }
}
