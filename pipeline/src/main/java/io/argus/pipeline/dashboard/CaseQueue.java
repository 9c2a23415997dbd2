package io.argus.pipeline.dashboard;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.CaseDecision;
import io.argus.avro.Contribution;
import io.argus.avro.Verdict;
import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import io.argus.scorer.rules.RuleOutcome;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The review queue: every fraud alert read from {@code alerts} is a case, open until an analyst's verdict for it is
 * read from {@code case-decisions} (or written by this dashboard). Rebuilt from the two topics on start, so it
 * survives a restart. Keeps at most {@value #OPEN_LIMIT} open cases (the oldest beyond that are dropped and counted),
 * the {@value #DECIDED_SHOWN} most recent decided ones for their lists, and, for every verdict read, the tallies of
 * the precision of alerts as analysts labelled them: per model version (alerts the model's score raised) and per rule
 * (alerts a REVIEW or DECLINE rule raised). The first verdict on an alert counts; a later one stays in the audit topic
 * only. Thread-safe: the topic feed writes, the HTTP threads read and decide.
 */
final class CaseQueue {

  static final int OPEN_LIMIT = 10_000;
  static final int DECIDED_SHOWN = 500;
  private static final FeatureSet FEATURES = FraudV1.FEATURE_SET;

  /** Which cases a list shows. */
  enum Status {
    OPEN, FRAUD, LEGITIMATE;

    static Status parse(String text) {
      for (Status status : values()) {
        if (status.name().equalsIgnoreCase(text)) {
          return status;
        }
      }
      throw new IllegalArgumentException("a case status is open, fraud or legitimate, got '" + text + "'");
    }
  }

  /** Confirmed frauds and legitimate verdicts on the alerts of one model version or one rule. */
  private static final class Tally {
    private long confirmed;
    private long legitimate;
  }

  private final Map<String, Alert> open = new LinkedHashMap<>();
  private final Map<String, CaseDecision> decisions = new HashMap<>();
  private final Deque<String> recentlyDecided = new ArrayDeque<>();
  private final Map<String, Alert> decidedAlerts = new HashMap<>();
  private final Map<String, Tally> byModel = new TreeMap<>();
  private final Map<String, Tally> byRule = new TreeMap<>();
  private long dropped;
  private long version;

  /** A fraud alert read from the topic: a new open case, unless it was already decided. */
  synchronized void onAlert(Alert alert) {
    if (alert.getKind() != AlertKind.FRAUD) {
      return;
    }
    String id = alert.getAlertId();
    if (decisions.containsKey(id)) {
      if (recentlyDecided.contains(id)) {
        decidedAlerts.put(id, alert);
        version++;
      }
      return;
    }
    if (open.put(id, alert) == null && open.size() > OPEN_LIMIT) {
      String eldest = open.keySet().iterator().next();
      open.remove(eldest);
      dropped++;
    }
    version++;
  }

  /**
   * A verdict, read from the topic or just written: the case leaves the queue. Returns false when the alert already
   * had a verdict (the first one counts).
   */
  synchronized boolean onDecision(CaseDecision decision) {
    String id = decision.getAlertId();
    if (decisions.containsKey(id)) {
      return false;
    }
    decisions.put(id, decision);
    Alert alert = open.remove(id);
    recentlyDecided.addFirst(id);
    if (alert != null) {
      decidedAlerts.put(id, alert);
    }
    while (recentlyDecided.size() > DECIDED_SHOWN) {
      decidedAlerts.remove(recentlyDecided.removeLast());
    }
    boolean fraud = decision.getVerdict() == Verdict.FRAUD;
    if (decision.getModelAlerted() && !decision.getModelName().isEmpty()) {
      count(byModel, decision.getModelName() + " " + decision.getModelVersion(), fraud);
    }
    for (String rule : decision.getRules()) {
      count(byRule, rule, fraud);
    }
    version++;
    return true;
  }

  synchronized Optional<Alert> openCase(String alertId) {
    return Optional.ofNullable(open.get(alertId));
  }

  synchronized Optional<CaseDecision> decision(String alertId) {
    return Optional.ofNullable(decisions.get(alertId));
  }

  /** Open cases oldest first; decided ones most recently decided first. */
  synchronized List<CaseItem> list(Status status, int limit) {
    List<CaseItem> items = new ArrayList<>();
    if (status == Status.OPEN) {
      open.values().stream().sorted(Comparator.comparing(Alert::getCreatedAt)).limit(limit)
          .forEach(alert -> items.add(item(alert, null)));
    } else {
      Verdict verdict = status == Status.FRAUD ? Verdict.FRAUD : Verdict.LEGITIMATE;
      for (String id : recentlyDecided) {
        CaseDecision decision = decisions.get(id);
        if (decision.getVerdict() == verdict && items.size() < limit) {
          items.add(item(decidedAlerts.get(id), decision));
        }
      }
    }
    return items;
  }

  /** The case of {@code alertId} with its evidence, open or recently decided. */
  synchronized Optional<CaseDetail> detail(String alertId) {
    Alert alert = open.containsKey(alertId) ? open.get(alertId) : decidedAlerts.get(alertId);
    CaseDecision decision = decisions.get(alertId);
    if (alert == null && decision == null) {
      return Optional.empty();
    }
    CaseItem item = item(alert, decision);
    if (alert == null) {
      return Optional.of(new CaseDetail(item, List.of(), Map.of(), List.of(), Map.of()));
    }
    return Optional.of(new CaseDetail(item, AlertFeed.contributions(alert.getContributions()),
        orderedFeatures(alert.getFeatures()), recentTransactions(alert), Map.copyOf(alert.getReferences())));
  }

  synchronized Summary summary(long nowMillis) {
    Long oldest = open.values().stream().map(alert -> alert.getCreatedAt().toEpochMilli()).min(Long::compare)
        .orElse(null);
    long confirmed = decisions.values().stream().filter(d -> d.getVerdict() == Verdict.FRAUD).count();
    return new Summary(version, open.size(), oldest, oldest == null ? null : Math.max(0, nowMillis - oldest) / 1000,
        confirmed, decisions.size() - confirmed, dropped, precision(byModel), precision(byRule));
  }

  private static List<Precision> precision(Map<String, Tally> tallies) {
    List<Precision> rows = new ArrayList<>();
    tallies.forEach((name, tally) -> rows.add(new Precision(name, tally.confirmed, tally.legitimate,
        (double) tally.confirmed / (tally.confirmed + tally.legitimate))));
    return rows;
  }

  private static void count(Map<String, Tally> tallies, String key, boolean fraud) {
    Tally tally = tallies.computeIfAbsent(key, any -> new Tally());
    if (fraud) {
      tally.confirmed++;
    } else {
      tally.legitimate++;
    }
  }

  private static CaseItem item(Alert alert, CaseDecision decision) {
    if (alert == null) {
      return new CaseItem(decision.getAlertId(), decision.getTransactionId(), decision.getAlertCreatedAt().toEpochMilli(),
          null, decision.getScore(), null, decision.getModelName() + " " + decision.getModelVersion(),
          decision.getModelAlerted(), decision.getRules(), "", status(decision), decision.getAnalyst(),
          decision.getDecidedAt().toEpochMilli(), decision.getReason());
    }
    Map<String, String> references = alert.getReferences();
    String rules = references.get(RuleOutcome.RULES_REFERENCE);
    return new CaseItem(alert.getAlertId(), references.get(AlertFeed.TRANSACTION_REFERENCE),
        alert.getCreatedAt().toEpochMilli(), alert.getSeverity().name(), score(references),
        references.get(RuleOutcome.DECISION_REFERENCE),
        (references.getOrDefault("modelName", "") + " " + references.getOrDefault("modelVersion", "")).strip(),
        !"false".equals(references.get(RuleOutcome.MODEL_ALERT_REFERENCE)),
        rules == null || rules.isBlank() ? List.of() : Arrays.asList(rules.split(",")), alert.getMessage(),
        decision == null ? Status.OPEN.name() : status(decision), decision == null ? null : decision.getAnalyst(),
        decision == null ? null : decision.getDecidedAt().toEpochMilli(), decision == null ? null : decision.getReason());
  }

  private static String status(CaseDecision decision) {
    return decision.getVerdict() == Verdict.FRAUD ? Status.FRAUD.name() : Status.LEGITIMATE.name();
  }

  static Double score(Map<String, String> references) {
    try {
      return references.containsKey("score") ? Double.valueOf(references.get("score")) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The transaction's event time from the alert's references, or the alert's own time for older alerts. */
  static Instant eventTime(Alert alert) {
    String text = alert.getReferences().get("eventTime");
    try {
      return text == null ? alert.getCreatedAt() : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return alert.getCreatedAt();
    }
  }

  /** The static features in declared order (names the declaration does not know last). */
  private static Map<String, Double> orderedFeatures(Map<String, Double> features) {
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String name : FEATURES.staticNames()) {
      if (features.containsKey(name)) {
        ordered.put(name, features.get(name));
      }
    }
    features.forEach(ordered::putIfAbsent);
    return ordered;
  }

  /**
   * The card's recent transactions, this one last, each with its time worked back from the transaction's event time
   * and the gaps between them ({@code SEQ_SECONDS_SINCE_PREVIOUS}).
   */
  private static List<RecentTransaction> recentTransactions(Alert alert) {
    List<Map<String, Double>> steps = alert.getRecentTransactions();
    List<RecentTransaction> recent = new ArrayList<>();
    long time = eventTime(alert).toEpochMilli();
    for (int i = steps.size() - 1; i >= 0; i--) {
      Map<String, Double> step = steps.get(i);
      recent.add(0, new RecentTransaction(steps.size() - 1 - i, time, step.get(FraudV1.SEQ_AMOUNT),
          step.get(FraudV1.SEQ_SECONDS_SINCE_PREVIOUS), step.get(FraudV1.SEQ_TERMINAL_RISK),
          step.get(FraudV1.SEQ_NEW_TERMINAL), Map.copyOf(step)));
      Double gap = step.get(FraudV1.SEQ_SECONDS_SINCE_PREVIOUS);
      time -= gap == null ? 0 : (long) (gap * 1000);
    }
    return recent;
  }

  /** One case in a list. */
  record CaseItem(
      String alertId, String transactionId, long createdAt, String severity, Double score, String decision,
      String model, boolean modelAlerted, List<String> rules, String message, String status, String analyst,
      Long decidedAt, String reason) {
  }

  /** A case with its evidence: the explanation, the transaction's features, the card's recent transactions. */
  record CaseDetail(
      CaseItem item, List<Snapshot.ContributionItem> contributions, Map<String, Double> features,
      List<RecentTransaction> recentTransactions, Map<String, String> references) {
  }

  /** One of the card's recent transactions; {@code stepsBack} 0 is the alerted transaction. */
  record RecentTransaction(
      int stepsBack, long time, Double amount, Double secondsSincePrevious, Double terminalRisk, Double newTerminal,
      Map<String, Double> values) {
  }

  /** Precision of alerts as analysts labelled them, for one model version or one rule. */
  record Precision(String name, long confirmed, long legitimate, double precision) {
  }

  /** The queue's figures for the snapshot. */
  record Summary(
      long version, int open, Long oldestOpenAt, Long oldestOpenAgeSeconds, long confirmedFraud, long legitimate,
      long dropped, List<Precision> byModel, List<Precision> byRule) {
  }
}
