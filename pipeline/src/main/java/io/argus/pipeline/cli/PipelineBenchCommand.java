package io.argus.pipeline.cli;

import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.bench.PipelineBenchResult;
import io.argus.pipeline.bench.PipelineBenchmark;
import io.argus.pipeline.bench.RoleSettings;
import io.argus.schemas.TopicAdmin;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus bench pipeline}: the scoring path end to end — raw JSON on {@code transactions-raw} to a fraud score
 * readable by a read-committed consumer — with the validator, the feature job and the scorer in this JVM on an
 * embedded broker (or the Kafka of {@code --bootstrap}), or, with {@code --measure-only}, a pipeline run by other
 * processes. Prints a table, then one line of JSON.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Benchmarks the scoring path end to end: raw JSON on transactions-raw (the simulator's population, "
        + "from a plain Kafka producer) until its FraudScore is readable by a read-committed consumer, with p50/p99/"
        + "p999 per stage (validator, feature job, scorer), the throughput of a drained backlog, the feature job's "
        + "serving skew and the dead letters.",
        "By default the validator, the feature job (Flink MiniCluster) and the scorer run in this JVM on an embedded "
            + "Kafka broker; --bootstrap uses another Kafka; --measure-only starts no role and measures a pipeline "
            + "run elsewhere (argus validate, argus features, argus score). Measuring starts once a first "
            + "transaction is scored.",
        "The last line is one JSON object: p50_ms, p99_ms, p999_ms, throughput_per_s, stages, settings and more. "
            + "JVM settings come from ARGUS_JAVA_OPTS (see ./argus)."})
public final class PipelineBenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--tps", defaultValue = "1000", description = "Raw transactions offered per second in the latency "
      + "phase. Default: ${DEFAULT-VALUE}.")
  int tps;

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long latency is measured, after the warm-up. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--warmup", defaultValue = "60s", converter = DurationConverter.class,
      description = "Offered at --tps before measuring, so that the JIT compilers are done (they take half a core "
          + "for about a minute on two cores). Default: ${DEFAULT-VALUE}.")
  Duration warmup;

  @Option(names = "--backlog", defaultValue = "100000", description = "Raw records written at full speed after the "
      + "latency phase, into the warm pipeline, and drained end to end to measure throughput (0: skip). Default: "
      + "${DEFAULT-VALUE}.")
  int backlog;

  /** Kafka to use instead of an embedded broker (its topics created if missing), and its client settings. */
  @Mixin
  KafkaOptions kafka = new KafkaOptions();

  @Option(names = "--measure-only", description = "Start no role: measure the pipeline that other processes run "
      + "against --bootstrap.")
  boolean measureOnly;

  @Option(names = "--model", defaultValue = "lstm", description = "The scorer's model: lstm, transformer or mlp (an "
      + "untrained network of the standard preset: real cost, meaningless scores) or demo (the shipped trained LSTM). "
      + "Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--registry", description = "With --measure-only: the registry of the separately started scorer; "
      + "the model is installed there and released on model-releases. Without it, the scorer's champion must be "
      + "released already.")
  Path registry;

  @Option(names = "--alert-rate", defaultValue = "0.01", description = "Roles here: the share of synthetic vectors "
      + "the scorer's thresholds alert and explain. Default: ${DEFAULT-VALUE}.")
  double alertRate;

  @Option(names = "--customers", defaultValue = "5000", description = "Customers (one card each) of the simulated "
      + "population. Default: ${DEFAULT-VALUE}.")
  int customers;

  @Option(names = "--validator-config", paramLabel = "FILE", description = "Roles here: Kafka Streams properties for "
      + "the validator, over its defaults.")
  Path validatorConfig;

  @Option(names = "--scorer-config", paramLabel = "FILE", description = "Roles here: Kafka Streams properties for the "
      + "scorer, over the benchmark's scorer settings (commit.interval.ms=...) and the scorer's defaults.")
  Path scorerConfig;

  @Option(names = "--feature-option", paramLabel = "KEY=VALUE", description = "Roles here: a feature job property "
      + "(parallelism, buffer-timeout, checkpoint-interval, ...; the options of FeatureJobMain); repeatable.")
  Map<String, String> featureOptions = new LinkedHashMap<>();

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the population and the untrained network. "
      + "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (measureOnly && !kafka.given()) {
      throw new UserException("--measure-only measures a pipeline that runs elsewhere: give its Kafka with --bootstrap");
    }
    if (!measureOnly && registry != null) {
      throw new UserException("--registry is for --measure-only (the roles started here use a registry of their own)");
    }
    if (measureOnly && (validatorConfig != null || scorerConfig != null || !featureOptions.isEmpty())) {
      throw new UserException("--validator-config, --scorer-config and --feature-option set the roles started here; "
          + "with --measure-only the roles run elsewhere: set them there");
    }
    if (!model.matches("lstm|transformer|mlp|demo")) {
      throw new UserException("--model must be lstm, transformer, mlp or demo, got '" + model + "'");
    }
    Path work = Files.createTempDirectory("argus-bench-pipeline");
    try {
      PipelineBenchmark.Options options = options(work);
      EmbeddedKafkaBroker broker = kafka.given() ? null : EmbeddedKafkaBroker.start(0, work.resolve("kafka"));
      try {
        KafkaSettings settings = broker == null ? kafka.settings() : KafkaSettings.of(broker.bootstrap());
        try {
          TopicAdmin.createAll(settings);
        } catch (IllegalStateException e) {
          throw new UserException("cannot use Kafka at " + settings.bootstrap() + ": " + e.getMessage());
        }
        PipelineBenchResult result;
        try {
          result = PipelineBenchmark.run(settings, work, options, ConsoleProgress.standardError());
        } catch (TimeoutException e) {
          throw new UserException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.table());
        out.println(result.json());
        out.flush();
      } finally {
        if (broker != null) {
          broker.close();
        }
      }
    } finally {
      delete(work);
    }
    return 0;
  }

  private PipelineBenchmark.Options options(Path work) {
    Path modelRegistry = measureOnly ? registry : work.resolve("registry");
    if (modelRegistry != null) {
      try {
        Files.createDirectories(modelRegistry);
      } catch (IOException e) {
        throw new UserException("--registry " + modelRegistry + ": cannot create it (" + e.getMessage() + ")");
      }
    }
    RoleSettings roles = new RoleSettings(properties("--validator-config", validatorConfig), featureOptions,
        properties("--scorer-config", scorerConfig));
    if (!measureOnly) {
      try {
        roles.featureJobConfig(work);
      } catch (IllegalArgumentException e) {
        throw new UserException("--feature-option: " + e.getMessage());
      }
    }
    try {
      return new PipelineBenchmark.Options(tps, duration, warmup, backlog, !measureOnly, model, modelRegistry,
          alertRate, customers, seed, roles);
    } catch (IllegalArgumentException e) {
      throw new UserException("check --tps, --duration, --warmup, --backlog, --alert-rate and --customers: "
          + e.getMessage());
    }
  }

  private static Properties properties(String flag, Path file) {
    Properties properties = new Properties();
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (NoSuchFileException e) {
        throw new UserException(flag + " " + file + ": no such file");
      } catch (IOException e) {
        throw new UserException(flag + " " + file + ": cannot read it (" + e.getMessage() + ")");
      }
    }
    return properties;
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + directory, e);
    }
  }
}
