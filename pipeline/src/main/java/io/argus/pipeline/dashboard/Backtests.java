package io.argus.pipeline.dashboard;

import io.argus.features.offline.OfflineLayout;
import io.argus.features.offline.OfflineStore;
import io.argus.pipeline.rules.BacktestReport;
import io.argus.pipeline.rules.Champion;
import io.argus.pipeline.rules.RuleBacktest;
import io.argus.scorer.rules.CompiledRule;
import io.argus.scorer.rules.RuleVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The rule editor's backtests: over the offline store the dashboard was given, with the registry's champion when it
 * was given one (loaded for each backtest, so a newly promoted champion is used), one at a time — a second request
 * while one runs is told to wait.
 *
 * @param offlineStore the offline store's directory, or {@code null}: no backtests
 * @param registry the model registry, or {@code null}: backtests without a model
 */
record Backtests(Path offlineStore, Path registry, String modelName, double alertThreshold, Semaphore running) {

  static Backtests none() {
    return new Backtests(null, null, "lstm", 0.5, new Semaphore(1));
  }

  static Backtests of(Path offlineStore, Path registry, String modelName, double alertThreshold) {
    return new Backtests(offlineStore, registry, modelName, alertThreshold, new Semaphore(1));
  }

  boolean available() {
    return offlineStore != null && Files.isDirectory(offlineStore.resolve(OfflineLayout.FEATURES));
  }

  /** The first and last day of the offline store's features, when it has some. */
  Optional<List<LocalDate>> storedDays() {
    if (!available()) {
      return Optional.empty();
    }
    List<LocalDate> dates = OfflineStore.at(offlineStore).dates(OfflineLayout.FEATURES);
    return dates.isEmpty() ? Optional.empty() : Optional.of(List.of(dates.get(0), dates.get(dates.size() - 1)));
  }

  /**
   * Runs one backtest; empty when another one is running.
   *
   * @throws IllegalArgumentException for a window or rule the backtest refuses, or no store
   */
  Optional<BacktestReport> run(CompiledRule rule, RuleVariables variables, LocalDate from, int days) {
    if (!available()) {
      throw new IllegalArgumentException("no offline store: start the dashboard with --offline-dir to backtest");
    }
    if (!running.tryAcquire()) {
      return Optional.empty();
    }
    try {
      Champion champion = registry == null ? null : Champion.load(registry, modelName, alertThreshold);
      return Optional.of(RuleBacktest.run(OfflineStore.at(offlineStore), from, days, rule, variables, champion));
    } finally {
      running.release();
    }
  }
}
