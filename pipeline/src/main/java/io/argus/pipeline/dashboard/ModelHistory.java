package io.argus.pipeline.dashboard;

import io.argus.avro.Alert;
import io.argus.avro.FraudScore;
import io.argus.avro.ModelRelease;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which models exist and which one scores: the releases read from {@code model-releases} (the latest state of each
 * name and version), the promotion history (releases, the trainer's and the retraining scheduler's decisions, and MODEL
 * alerts such as a refused artifact, newest first), and
 * the model versions seen in {@code fraud-scores}. Each list is bounded.
 */
final class ModelHistory {

  static final int RELEASE_LIMIT = 50;
  static final int HISTORY_LIMIT = 100;
  static final int SERVING_LIMIT = 10;
  /** The reference naming a model decision (the trainer's and the retraining scheduler's alerts). */
  static final String DECISION = "decision";

  private static final class ServingCount {
    private final String name;
    private final String version;
    private long scores;
    private long lastScoredAt;

    private ServingCount(String name, String version) {
      this.name = name;
      this.version = version;
    }
  }

  private final Map<String, ModelRelease> releases = new LinkedHashMap<>();
  private final List<Snapshot.HistoryEntry> history = new ArrayList<>();
  private final Map<String, ServingCount> serving = new LinkedHashMap<>();

  void onRelease(ModelRelease release) {
    String key = release.getName() + " " + release.getVersion();
    releases.remove(key);
    releases.put(key, release);
    if (releases.size() > RELEASE_LIMIT) {
      releases.remove(releases.keySet().iterator().next());
    }
    addHistory(new Snapshot.HistoryEntry(release.getReleasedAt().toEpochMilli(), "RELEASE", key,
        release.getEvaluationWindow(), release.getStatus().name()));
  }

  /**
   * A MODEL alert into the history: a decision of the trainer or the retraining scheduler (its {@code decision}
   * reference: TRAINING, SKIPPED, PROMOTED, REJECTED, FAILED) shows as kind DECISION with the decision as its level;
   * any other (a refused artifact) as kind ALERT with its severity.
   */
  void onModelAlert(Alert alert) {
    String decision = alert.getReferences().get(DECISION);
    String detail = alert.getReferences().entrySet().stream().filter(entry -> !entry.getKey().equals(DECISION))
        .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).collect(Collectors.joining(", "));
    addHistory(new Snapshot.HistoryEntry(alert.getCreatedAt().toEpochMilli(), decision == null ? "ALERT" : "DECISION",
        alert.getMessage(), detail, decision == null ? alert.getSeverity().name() : decision));
  }

  void onScore(FraudScore score, long timestamp) {
    String key = score.getModelName() + " " + score.getModelVersion();
    ServingCount count = serving.remove(key);
    if (count == null) {
      count = new ServingCount(score.getModelName(), score.getModelVersion());
    }
    count.scores++;
    count.lastScoredAt = Math.max(count.lastScoredAt, timestamp);
    serving.put(key, count);
    if (serving.size() > SERVING_LIMIT) {
      serving.remove(serving.keySet().iterator().next());
    }
  }

  Snapshot.Models view() {
    List<Snapshot.Serving> servingViews = serving.values().stream()
        .map(count -> new Snapshot.Serving(count.name, count.version, count.scores, count.lastScoredAt))
        .sorted(Comparator.comparingLong(Snapshot.Serving::lastScoredAt).reversed())
        .toList();
    List<Snapshot.Release> releaseViews = releases.values().stream()
        .map(release -> new Snapshot.Release(release.getName(), release.getVersion(), release.getStatus().name(),
            release.getFeatureSetVersion(), Map.copyOf(release.getMetrics()), release.getEvaluationWindow(),
            release.getReleasedAt().toEpochMilli()))
        .sorted(Comparator.comparingLong(Snapshot.Release::releasedAt).reversed())
        .toList();
    return new Snapshot.Models(servingViews, releaseViews, List.copyOf(history));
  }

  private void addHistory(Snapshot.HistoryEntry entry) {
    history.add(entry);
    history.sort(Comparator.comparingLong(Snapshot.HistoryEntry::time).reversed());
    if (history.size() > HISTORY_LIMIT) {
      history.remove(history.size() - 1);
    }
  }
}
