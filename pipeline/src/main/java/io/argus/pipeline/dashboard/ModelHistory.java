package io.argus.pipeline.dashboard;

import io.argus.avro.Alert;
import io.argus.avro.FraudScore;
import io.argus.avro.ModelRelease;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which models exist and which one scores: the releases read from {@code model-releases} (the latest state of each
 * name and version), the promotion history (releases and MODEL alerts such as a refused artifact, newest first), and
 * the model versions seen in {@code fraud-scores}. Each list is bounded.
 */
final class ModelHistory {

  static final int RELEASE_LIMIT = 50;
  static final int HISTORY_LIMIT = 100;
  static final int SERVING_LIMIT = 10;

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

  void onModelAlert(Alert alert) {
    addHistory(new Snapshot.HistoryEntry(alert.getCreatedAt().toEpochMilli(), "ALERT", alert.getMessage(),
        String.join(", ", alert.getReferences().values()), alert.getSeverity().name()));
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
