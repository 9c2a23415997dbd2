package io.argus.pipeline.rules;

import io.argus.avro.FeatureVector;
import io.argus.avro.RuleAction;
import io.argus.features.offline.OfflineLayout;
import io.argus.features.offline.OfflineStore;
import io.argus.model.ModelInput;
import io.argus.model.features.FeatureShape;
import io.argus.scorer.rules.CompiledRule;
import io.argus.scorer.rules.RuleFacts;
import io.argus.scorer.rules.RuleVariables;
import io.argus.scorer.rules.TransactionFields;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one rule over a window of the offline store, as the scorer would have run it on those transactions: each
 * stored feature vector (the exact, point-in-time features) with its transaction's fields and, with a
 * {@link Champion}, the champion's score, against the fraud labels known now for those transactions (labels are
 * stored by the date of their transaction, so the window's partitions hold them). The result is a
 * {@link BacktestReport}. A rule that reads {@code score} needs a model. Reads one day partition at a time and keeps
 * only counts, the window's fraud ids and the legitimate customers hit.
 */
public final class RuleBacktest {

  private static final int MAX_DAYS = 366;

  private RuleBacktest() {
  }

  /**
   * @param champion the model to score with and compare against, or {@code null}
   * @throws IllegalArgumentException for a window of no or too many days, a window without stored features, or a
   *     rule that reads the score without a model
   */
  public static BacktestReport run(OfflineStore store, LocalDate from, int days, CompiledRule rule,
      RuleVariables variables, Champion champion) {
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("a backtest covers 1 to " + MAX_DAYS + " days, got " + days);
    }
    if (rule.usesScore() && champion == null) {
      throw new IllegalArgumentException("the rule reads the model's score: give a model to backtest it "
          + "(argus rules backtest --registry DIR --model NAME)");
    }
    LocalDate to = from.plusDays(days);
    List<LocalDate> stored = store.dates(OfflineLayout.FEATURES);
    if (stored.stream().noneMatch(date -> !date.isBefore(from) && date.isBefore(to))) {
      throw new IllegalArgumentException("the offline store at " + store.root() + " has no features from " + from
          + " to " + to.minusDays(1) + (stored.isEmpty() ? " (it is empty)"
              : " (it holds " + stored.get(0) + " to " + stored.get(stored.size() - 1) + ")"));
    }
    Set<String> frauds = new HashSet<>();
    store.labels(from, to, label -> {
      if (label.getFraud()) {
        frauds.add(label.getTransactionId());
      }
    });
    Counter counter = new Counter(rule, variables, champion, frauds, new FeatureShape(variables.featureSet()));
    store.features(from, to, counter::count);
    List<BacktestReport.Day> perDay = new ArrayList<>();
    for (LocalDate date = from; date.isBefore(to); date = date.plusDays(1)) {
      perDay.add(counter.days.getOrDefault(date, new BacktestReport.Day(date, 0, 0, 0, 0)));
    }
    BacktestReport.ModelComparison comparison = champion == null ? null : new BacktestReport.ModelComparison(
        champion.name(), champion.version(), champion.alertThreshold(), counter.alerts, counter.fraudAlerts,
        counter.fraudsAdded, counter.legitimateAdded, counter.alertsSuppressed, counter.fraudsLetThrough);
    return new BacktestReport(rule.rule().getExpression(), rule.action().name(), from, days, counter.transactions,
        counter.fraudsSeen, counter.hits, counter.fraudHits, counter.hits - counter.fraudHits,
        counter.legitimateCustomers.size(), counter.errors, counter.skipped, perDay, comparison);
  }

  /** The running counts of one backtest. */
  private static final class Counter {
    private final CompiledRule rule;
    private final RuleVariables variables;
    private final Champion champion;
    private final Set<String> frauds;
    private final FeatureShape shape;
    private final TreeMap<LocalDate, BacktestReport.Day> days = new TreeMap<>();
    private final Set<String> legitimateCustomers = new HashSet<>();
    private long transactions;
    private long fraudsSeen;
    private long hits;
    private long fraudHits;
    private long errors;
    private long skipped;
    private long alerts;
    private long fraudAlerts;
    private long fraudsAdded;
    private long legitimateAdded;
    private long alertsSuppressed;
    private long fraudsLetThrough;

    private Counter(CompiledRule rule, RuleVariables variables, Champion champion, Set<String> frauds,
        FeatureShape shape) {
      this.rule = rule;
      this.variables = variables;
      this.champion = champion;
      this.frauds = frauds;
      this.shape = shape;
    }

    private void count(FeatureVector vector) {
      if (shape.problem(vector) != null) {
        skipped++;
        return;
      }
      ModelInput input = ModelInput.of(vector);
      double score = champion == null ? Double.NaN : champion.model().score(input);
      boolean fraud = frauds.contains(vector.getTransactionId());
      boolean modelAlert = champion != null && score >= champion.alertThreshold();
      boolean hit;
      try {
        hit = rule.holds(new RuleFacts(variables, TransactionFields.of(vector), input, score));
      } catch (Exception e) {
        errors++;
        hit = false;
      }
      transactions++;
      fraudsSeen += fraud ? 1 : 0;
      alerts += modelAlert ? 1 : 0;
      fraudAlerts += modelAlert && fraud ? 1 : 0;
      if (hit) {
        hits++;
        if (fraud) {
          fraudHits++;
        } else {
          legitimateCustomers.add(vector.getCustomerId());
        }
        if (rule.action() == RuleAction.ALLOW) {
          alertsSuppressed += modelAlert ? 1 : 0;
          fraudsLetThrough += modelAlert && fraud ? 1 : 0;
        } else if (champion != null && !modelAlert) {
          fraudsAdded += fraud ? 1 : 0;
          legitimateAdded += fraud ? 0 : 1;
        }
      }
      LocalDate date = LocalDate.ofInstant(vector.getEventTime(), ZoneOffset.UTC);
      BacktestReport.Day day = days.getOrDefault(date, new BacktestReport.Day(date, 0, 0, 0, 0));
      days.put(date, new BacktestReport.Day(date, day.transactions() + 1, day.frauds() + (fraud ? 1 : 0),
          day.hits() + (hit ? 1 : 0), day.fraudHits() + (hit && fraud ? 1 : 0)));
    }
  }
}
