package io.argus.pipeline.dashboard;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Contribution;
import io.argus.model.ModelInput;
import io.argus.model.features.NamedFeatures;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent alerts, newest first, with counts by kind since start. A fraud alert's transaction features are
 * kept with it (when the dashboard has read them, before or after the alert) so the what-if panel can rescore it.
 */
final class AlertFeed {

  /** The key of {@link Alert#getReferences()} that names the transaction an alert is about. */
  static final String TRANSACTION_REFERENCE = "transactionId";

  private static final class Entry {
    private final Alert alert;
    private NamedFeatures features;

    private Entry(Alert alert, NamedFeatures features) {
      this.alert = alert;
      this.features = features;
    }

    private String transactionId() {
      return alert.getReferences().get(TRANSACTION_REFERENCE);
    }
  }

  private final int limit;
  private final Deque<Entry> recent = new ArrayDeque<>();
  private final Map<AlertKind, Long> byKind = new EnumMap<>(AlertKind.class);
  private long total;

  AlertFeed(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("alert feed size must be at least 1, got " + limit);
    }
    this.limit = limit;
  }

  /** Adds an alert; {@code features} are its transaction's features when already read, else {@code null}. */
  void add(Alert alert, NamedFeatures features) {
    total++;
    byKind.merge(alert.getKind(), 1L, Long::sum);
    recent.addFirst(new Entry(alert, features));
    if (recent.size() > limit) {
      recent.removeLast();
    }
  }

  /** Keeps a transaction's features with the alerts about it that do not hold features yet. */
  void attach(String transactionId, ModelInput features) {
    for (Entry entry : recent) {
      if (entry.features == null && transactionId.equals(entry.transactionId())) {
        entry.features = new NamedFeatures(transactionId, features);
      }
    }
  }

  /** The features held for alerted transactions, by transaction id. */
  Map<String, NamedFeatures> heldFeatures() {
    Map<String, NamedFeatures> held = new LinkedHashMap<>();
    for (Entry entry : recent) {
      if (entry.features != null) {
        held.putIfAbsent(entry.features.transactionId(), entry.features);
      }
    }
    return held;
  }

  Snapshot.Alerts view() {
    Map<String, Long> counts = new LinkedHashMap<>();
    byKind.forEach((kind, count) -> counts.put(kind.name(), count));
    List<Snapshot.AlertItem> items = recent.stream().map(AlertFeed::item).toList();
    return new Snapshot.Alerts(total, counts, items);
  }

  private static Snapshot.AlertItem item(Entry entry) {
    Alert alert = entry.alert;
    return new Snapshot.AlertItem(alert.getAlertId(), alert.getKind().name(), alert.getSeverity().name(),
        alert.getMessage(), alert.getCreatedAt().toEpochMilli(), Map.copyOf(alert.getReferences()),
        contributions(alert.getContributions()), entry.transactionId(), entry.features != null);
  }

  static List<Snapshot.ContributionItem> contributions(List<Contribution> contributions) {
    return contributions.stream()
        .map(contribution -> new Snapshot.ContributionItem(contribution.getName(), contribution.getValue(),
            contribution.getFeatureValue()))
        .toList();
  }
}
