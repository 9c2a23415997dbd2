package io.argus.pipeline.cli;

import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.features.FraudV1;
import io.argus.features.offline.OfflineStore;
import io.argus.pipeline.rules.BacktestReport;
import io.argus.pipeline.rules.Champion;
import io.argus.pipeline.rules.RuleBacktest;
import io.argus.scorer.DecisionThresholds;
import io.argus.scorer.rules.CompiledRule;
import io.argus.scorer.rules.RuleCompiler;
import io.argus.scorer.rules.RuleRejectedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code argus rules backtest}: a rule over a window of the offline store, as a table and one line of JSON. */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs a rule over a window of the offline store against the labels known now: hits per day, "
        + "precision, recall, the legitimate customers it would bother; with --registry, beside the champion at its "
        + "alert threshold: the frauds it adds to the model's alerts (or, for ALLOW, the alerts it suppresses and the "
        + "frauds it lets through).",
        "Prints a table, then one line of JSON with the same figures."})
public final class RulesBacktestCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--offline-dir", required = true, paramLabel = "DIR",
      description = "The offline store (argus features --offline-dir; the demo's is DATA_DIR/offline).")
  Path offlineDirectory;

  @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day of the window (UTC), "
      + "for example 2018-08-01.")
  LocalDate from;

  @Option(names = "--days", defaultValue = "14", description = "Days in the window. Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(names = {"--rule", "--expression"}, required = true, paramLabel = "EXPRESSION",
      description = "The condition, in CEL, for example 'TX_AMOUNT > 220.0'.")
  String expression;

  @Option(names = "--action", defaultValue = "REVIEW", description = "REVIEW, DECLINE or ALLOW. Default: "
      + "${DEFAULT-VALUE}.")
  RuleAction action;

  @Option(names = "--registry", paramLabel = "DIR", description = "A model registry: the vectors are scored with the "
      + "champion of --model, which a rule reading 'score' needs.")
  Path registry;

  @Option(names = "--model", defaultValue = "lstm", description = "The champion's name in --registry. Default: "
      + "${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--alert-threshold", description = "The model's alert threshold (the scorer's "
      + "--alert-threshold). Default: the scorer's default, 0.5.")
  Double alertThreshold;

  @Override
  public Integer call() {
    RuleCompiler compiler = new RuleCompiler(FraudV1.FEATURE_SET);
    CompiledRule rule;
    try {
      rule = compiler.compile(RiskRule.newBuilder().setId("backtest").setExpression(expression).setAction(action)
          .setAuthor("argus rules backtest").setVersion(1).setPublishedAt(Instant.now()).build());
    } catch (RuleRejectedException e) {
      throw new UserException("--rule is refused: " + e.getMessage().replaceFirst("^rule 'backtest': ", ""));
    }
    BacktestReport report;
    try {
      OfflineStore store = OfflineStore.at(offlineDirectory);
      Champion champion = registry == null ? null : Champion.load(registry, model,
          alertThreshold == null ? DecisionThresholds.DEFAULTS.alert() : alertThreshold);
      report = RuleBacktest.run(store, from, days, rule, compiler.variables(), champion);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(report.table());
    out.println(report.json());
    out.flush();
    return 0;
  }
}
