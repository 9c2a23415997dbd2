package io.argus.pipeline.dashboard;

import io.argus.avro.Alert;
import io.argus.avro.FiredRule;
import io.argus.avro.RiskRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules as the dashboard knows them: those in force (the latest record of each id on {@code rules}), the last
 * version seen of every id (so a republished or revived id gets the next one), how often each rule fired in the scores
 * read and when last, and the recent changes — publications, retirements with who retired them, and refusals by the
 * scorer (MODEL alerts that name a rule). Thread-safe: the topic feed and the HTTP threads both write.
 */
final class RuleBook {

  static final int CHANGES_SHOWN = 50;

  private static final class Fires {
    private long hits;
    private long lastHitAt;
  }

  private final Map<String, RiskRule> inForce = new TreeMap<>();
  private final Map<String, Integer> lastVersion = new HashMap<>();
  private final Map<String, Fires> fires = new HashMap<>();
  private final Deque<Change> changes = new ArrayDeque<>();

  synchronized void onRule(RiskRule rule) {
    RiskRule before = inForce.put(rule.getId(), rule);
    lastVersion.merge(rule.getId(), rule.getVersion(), Math::max);
    if (before == null || before.getVersion() != rule.getVersion()) {
      change(new Change(rule.getPublishedAt().toEpochMilli(), "PUBLISHED", rule.getId(), rule.getVersion(),
          rule.getAuthor(), rule.getAction() + ": " + rule.getExpression()));
    }
  }

  /** A tombstone; {@code author} from its header, or null. */
  synchronized void onRetired(String id, String author, long at) {
    RiskRule retired = inForce.remove(id);
    if (retired != null) {
      change(new Change(at, "RETIRED", id, retired.getVersion(), author == null ? "unknown" : author,
          retired.getAction() + ": " + retired.getExpression()));
    }
  }

  synchronized void onRefused(Alert alert) {
    Map<String, String> references = alert.getReferences();
    int version;
    try {
      version = Integer.parseInt(references.getOrDefault("ruleVersion", "0"));
    } catch (NumberFormatException e) {
      version = 0;
    }
    change(new Change(alert.getCreatedAt().toEpochMilli(), "REFUSED", references.getOrDefault("ruleId", ""),
        version, references.getOrDefault("author", "unknown"), alert.getMessage()));
  }

  synchronized void onFired(List<FiredRule> fired, long timestamp) {
    for (FiredRule rule : fired) {
      Fires counted = fires.computeIfAbsent(rule.getId(), any -> new Fires());
      counted.hits++;
      counted.lastHitAt = Math.max(counted.lastHitAt, timestamp);
    }
  }

  synchronized Optional<RiskRule> inForce(String id) {
    return Optional.ofNullable(inForce.get(id));
  }

  /** The last version of {@code id} seen, in force or retired; 0 when never seen. */
  synchronized int lastVersion(String id) {
    return lastVersion.getOrDefault(id, 0);
  }

  synchronized View view() {
    List<Entry> rules = new ArrayList<>();
    for (RiskRule rule : inForce.values()) {
      Fires counted = fires.get(rule.getId());
      rules.add(new Entry(rule.getId(), rule.getVersion(), rule.getAction().name(), rule.getExpression(),
          rule.getDescription(), rule.getAuthor(), rule.getPublishedAt().toEpochMilli(),
          counted == null ? 0 : counted.hits, counted == null ? null : counted.lastHitAt));
    }
    return new View(rules, List.copyOf(changes));
  }

  private void change(Change change) {
    changes.addFirst(change);
    while (changes.size() > CHANGES_SHOWN) {
      changes.removeLast();
    }
  }

  /** A rule in force with its hits in the scores read (since the dashboard's replay start). */
  record Entry(
      String id, int version, String action, String expression, String description, String author, long publishedAt,
      long hits, Long lastHitAt) {
  }

  /** {@code kind} is PUBLISHED, RETIRED or REFUSED. */
  record Change(long time, String kind, String id, int version, String author, String detail) {
  }

  record View(List<Entry> rules, List<Change> changes) {
  }
}
