package io.argus.pipeline.cli;

import io.argus.avro.RiskRule;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.model.ModelFamily;
import io.argus.schemas.TopicAdmin;
import io.argus.scorer.ScoringTopology;
import io.argus.scorer.alert.ExplanationPool;
import io.argus.scorer.bench.BenchmarkResult;
import io.argus.scorer.bench.ScoringBenchmark;
import io.argus.scorer.bench.SyntheticRules;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.rules.RuleRejectedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus bench score}: the scorer on an embedded broker in this JVM — latency (features in to score out, read
 * committed) at an offered rate, then throughput draining a backlog — printed as a table, then one line of JSON.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Benchmarks the scorer on an embedded Kafka broker in this JVM: p50/p99/p999 latency from "
        + "features in to score out (read committed) at --tps for --duration, then throughput (a backlog drained).",
        "The last line is one JSON object with p50_ms, p99_ms, p999_ms, throughput_per_s, model_p99_ms, "
            + "explain_p99_ms, rules_us_per_transaction and more. JVM settings come from ARGUS_JAVA_OPTS (see ./argus).",
        "With --rules N or --rules-file, those rules are in force while scoring, and their evaluation cost per "
            + "transaction is measured alone as well."})
public final class ScoreBenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--tps", defaultValue = "2000", description = "Vectors offered per second in the latency phase. "
      + "Default: ${DEFAULT-VALUE}.")
  int tps;

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long latency is measured. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--warmup", defaultValue = "60s", converter = DurationConverter.class,
      description = "Offered at --tps before measuring, so that the JIT compilers are done (the backlog is drained "
          + "after the latency phase, by the warm scorer). Default: ${DEFAULT-VALUE}.")
  Duration warmup;

  @Option(names = "--backlog", defaultValue = "200000",
      description = "Vectors written at full speed after the latency phase, into the warm scorer, and drained to "
          + "measure throughput (0: skip). Default: ${DEFAULT-VALUE}.")
  int backlog;

  @Option(names = "--model", defaultValue = "lstm", description = "Model family: lstm, transformer or mlp. "
      + "Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--registry", description = "A registry with a trained champion of --model to benchmark; "
      + "without it, an untrained network of the family's standard preset (same cost, meaningless scores).")
  Path registry;

  @Option(names = "--alert-rate", defaultValue = "0.01",
      description = "Share of vectors alerted and explained (the threshold is set to match). Default: ${DEFAULT-VALUE}.")
  double alertRate;

  @Option(names = "--commit-interval-ms", defaultValue = "" + ScoringTopology.DEFAULT_COMMIT_INTERVAL_MS,
      description = "How often the scorer commits its input offsets. Default: ${DEFAULT-VALUE}.")
  int commitIntervalMs;

  @Option(names = "--stream-threads", defaultValue = "1", description = "Kafka Streams threads. "
      + "Default: ${DEFAULT-VALUE}.")
  int streamThreads;

  @Option(names = "--explain-threads", defaultValue = "" + ExplanationPool.DEFAULT_THREADS,
      description = "Threads explaining alerts off the stream threads. Default: ${DEFAULT-VALUE}.")
  int explainThreads;

  @Option(names = "--explain-budget", defaultValue = "" + ExplainerConfig.DEFAULT_EVALUATION_BUDGET,
      description = "Model evaluations per explanation (sizes the background summary). Default: ${DEFAULT-VALUE}.")
  int explainBudget;

  @Option(names = "--rules", defaultValue = "0", paramLabel = "N",
      description = "Rules in force while scoring: N generated rules of the usual kinds (thresholds, velocity with "
          + "the score, allow-list entries, time of day, sequence macros), each firing rarely. Default: "
          + "${DEFAULT-VALUE}.")
  int rules;

  @Option(names = "--rules-file", paramLabel = "FILE",
      description = "Rules in force while scoring, one per line: ID ACTION EXPRESSION (# comments); instead of --rules.")
  Path rulesFile;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic vectors and the untrained "
      + "network. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() throws Exception {
    ModelFamily family;
    try {
      family = ModelFamily.of(model);
    } catch (IllegalArgumentException e) {
      throw new UserException("--model: " + e.getMessage());
    }
    if (registry != null && !Files.isDirectory(registry)) {
      throw new UserException("--registry " + registry + " is not a directory");
    }
    List<RiskRule> benchmarkRules = benchmarkRules();
    ScoringBenchmark.Options options;
    try {
      options = new ScoringBenchmark.Options(family, registry, tps, duration, warmup, backlog, alertRate,
          commitIntervalMs, streamThreads, explainThreads, ExplainerConfig.DEFAULTS.withEvaluationBudget(explainBudget),
          seed, benchmarkRules);
    } catch (IllegalArgumentException e) {
      throw new UserException("check --tps, --duration, --warmup, --backlog, --alert-rate (between 0 and 1), "
          + "--commit-interval-ms, --stream-threads, --explain-threads and --explain-budget: " + e.getMessage());
    }
    Path work = Files.createTempDirectory("argus-bench-score");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, work.resolve("kafka"))) {
      TopicAdmin.createAll(broker.bootstrap());
      BenchmarkResult result;
      try {
        result = ScoringBenchmark.run(broker.bootstrap(), work, options, ConsoleProgress.standardError());
      } catch (RuleRejectedException e) {
        throw new UserException("a benchmark rule is refused: " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(result.table());
      out.println(result.json());
      out.flush();
    } finally {
      delete(work);
    }
    return 0;
  }

  private List<RiskRule> benchmarkRules() {
    if (rules < 0) {
      throw new UserException("--rules must be 0 or more, got " + rules);
    }
    if (rulesFile == null) {
      return SyntheticRules.generate(rules);
    }
    if (rules > 0) {
      throw new UserException("give --rules or --rules-file, not both");
    }
    if (!Files.isRegularFile(rulesFile)) {
      throw new UserException("--rules-file " + rulesFile + " is not a file");
    }
    try {
      return SyntheticRules.read(rulesFile);
    } catch (IllegalArgumentException e) {
      throw new UserException("--rules-file: " + e.getMessage());
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + directory, e);
    }
  }
}
