package io.argus.pipeline.cli;

import io.argus.common.Durations;
import io.argus.features.job.FeatureJob;
import io.argus.features.job.FeatureJobConfig;
import io.argus.features.job.FeatureKafka;
import io.argus.features.job.FileRecordSource;
import io.argus.features.job.OfflineSinks;
import io.argus.features.offline.FeatureCsv;
import io.argus.features.offline.OfflineStore;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.tokenize.TokenKeyException;
import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.operations.ConsumerGroupLag;
import io.argus.pipeline.operations.FeatureJobOperations;
import io.argus.pipeline.operations.RoleMetrics;
import io.argus.pipeline.operations.RoleOperations;
import io.argus.pipeline.runtime.LiveFeatureJob;
import io.argus.pipeline.security.Roles;
import io.argus.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus features}: the Flink feature job on an embedded MiniCluster, live from Kafka ({@code --bootstrap}) or
 * over a transaction file into the offline store ({@code --from-file}); {@code features export} writes the store as
 * CSV. On a Flink cluster the same job runs from {@code io.argus.features.job.FeatureJobMain}.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = {"Runs the fraud_v1 feature job on an embedded Flink MiniCluster: live from Kafka (--bootstrap, "
        + "--kafka-config) until Ctrl-C, or over a transaction file (--from-file) into the offline store.",
        "Writes the offline store under --offline-dir: features/ and labels/ by date (Avro container files); live, "
            + "also skew/: the transactions whose features served on arrival differ from the exact ones.",
        "Live: GET /health (200 once the job and every task run) and GET /metrics (job state, checkpoints, "
            + "serving counts, consumer lag) on --ops-port; prints 'argus features ready ops=http://HOST:PORT' once "
            + "healthy.",
        "Durations are written like 30s, 3d or ISO-8601 (PT1M)."},
    subcommands = FeaturesCommand.Export.class)
public final class FeaturesCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** Live: where transactions and fraud labels are read and features written. */
  @Mixin
  KafkaOptions kafka;

  /** Live: /health and /metrics. */
  @Mixin
  OperationsOptions operations;

  @Option(names = "--from-file", paramLabel = "FILE", description = "A handbook CSV or JSON-lines file (.gz too) to "
      + "feature instead of Kafka; labels come from its fraud column.")
  Path fromFile;

  @Option(names = "--offline-dir", defaultValue = "argus-data/offline",
      description = "The offline store. Default: ${DEFAULT-VALUE}.")
  Path offlineDir;

  @Option(names = "--checkpoint-dir", defaultValue = "argus-data/checkpoints",
      description = "Where checkpoints go. Default: ${DEFAULT-VALUE}.")
  Path checkpointDir;

  @Option(names = "--parallelism", defaultValue = "1", description = "Parallelism of the job. At 1 a live job runs "
      + "both stages in one task, with no network buffer between them (the lowest latency); 2 or more spreads them "
      + "over more threads and slots (a faster catch-up). Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = DurationConverter.class,
      description = "How often the job checkpoints its state and commits the offline store and its Kafka offsets. "
          + "Longer means fewer snapshot bursts on cores the scoring path shares (30s took 1-4 ms off the pipeline's "
          + "p99 at 1,000 tx/s on 2 cores) and more to replay after a failure. Default: ${DEFAULT-VALUE}.")
  Duration checkpointInterval;

  @Option(names = "--state-backend", defaultValue = "hashmap",
      description = "hashmap (heap) or rocksdb. Default: ${DEFAULT-VALUE}.")
  String stateBackend;

  @Option(names = "--out-of-orderness", defaultValue = "200ms", converter = DurationConverter.class,
      description = "How long events wait for earlier ones before they are featured in time order. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration outOfOrderness;

  @Option(names = "--allowed-lateness", defaultValue = "1m", converter = DurationConverter.class,
      description = "Events behind the watermark by at most this are still stored; later ones are only served (live) "
          + "and go to transactions-dlq as LATE_EVENT. Default: ${DEFAULT-VALUE}.")
  Duration allowedLateness;

  @Option(names = "--idle-timeout", defaultValue = "1s", converter = DurationConverter.class,
      description = "A partition without events this long stops holding the watermark. Default: ${DEFAULT-VALUE}.")
  Duration idleTimeout;

  @Option(names = "--label-delay", defaultValue = "7d", converter = DurationConverter.class,
      description = "With --from-file: labels are reported this long after their transaction. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration labelDelay;

  @Option(names = "--group-id", defaultValue = FeatureKafka.DEFAULT_GROUP_ID,
      description = "Kafka consumer group of the live job. Default: ${DEFAULT-VALUE}.")
  String groupId;

  @Option(names = "--token-key-file", description = "With --from-file: the card-token key (Base64); otherwise "
      + "ARGUS_TOKEN_KEY is read.")
  Path tokenKeyFile;

  @Override
  public Integer call() throws Exception {
    if (kafka.given() == (fromFile != null)) {
      throw new UserException("give either --bootstrap (live from Kafka) or --from-file FILE (a transaction file)");
    }
    FeatureJobConfig config = config();
    if (fromFile != null) {
      if (!Files.isRegularFile(fromFile)) {
        throw new UserException("--from-file " + fromFile + ": no such file");
      }
      FileRun run = runFile(fromFile, tokenKeyFile, labelDelay, offlineDir, config, true);
      System.out.printf("featured %s into %s in %.1f s%n", fromFile, offlineDir, run.seconds());
      return 0;
    }
    return runLive(kafka.connect(Roles.features(groupId), true), config);
  }

  /** The live job on a MiniCluster of its own, watched by the operations surface, until Ctrl-C. */
  private int runLive(KafkaSettings settings, FeatureJobConfig config) throws Exception {
    StreamExecutionEnvironment env = environment(config);
    FeatureKafka.Wiring wiring = FeatureKafka.wiring(settings, groupId, uri(offlineDir));
    FeatureJob.build(env, wiring.sources(), wiring.sinks(), config);
    try (RoleMetrics metrics = RoleMetrics.create();
        LiveFeatureJob job = LiveFeatureJob.start(env, FeatureJob.config(new Configuration(), config), parallelism,
            "argus features");
        ConsumerGroupLag lag = ConsumerGroupLag.bind(metrics, settings, groupId, List.of(Topics.TRANSACTIONS.name(),
            Topics.FRAUD_LABELS.name()), "argus.features.consumer.lag")) {
      FeatureJobOperations watched = FeatureJobOperations.watch(job);
      watched.bind(metrics);
      try (RoleOperations surface = operations.start("features", watched::health, metrics::scrape,
          spec.commandLine().getOut())) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(job), "features-shutdown"));
        System.err.println("argus features: featuring " + Topics.TRANSACTIONS.name() + " into "
            + Topics.FEATURES.name() + " and " + offlineDir + " until Ctrl-C");
        return job.awaitTermination() ? 0 : 1;
      }
    }
  }

  private static void closeQuietly(LiveFeatureJob job) {
    try {
      job.close();
    } catch (Exception e) {
      // the JVM is stopping; the last checkpoint stays
    }
  }

  /** How long a file run took. */
  record FileRun(double seconds) {
  }

  /**
   * Runs the job over {@code file} into the offline store at {@code offlineDir}, with a progress bar if asked. The
   * caller has checked that the file exists, naming its own option.
   */
  static FileRun runFile(Path file, Path keyFile, Duration labelDelay, Path offlineDir, FeatureJobConfig config,
      boolean showProgress) throws Exception {
    try {
      CardTokenizer.fromKeyFileOrEnvironment(keyFile);
    } catch (TokenKeyException e) {
      throw new UserException(e.getMessage());
    }
    String progressId = UUID.randomUUID().toString();
    StreamExecutionEnvironment env = environment(config);
    String store = uri(offlineDir);
    FeatureJob.build(env,
        new FeatureJob.Sources(FileRecordSource.transactions(file, keyFile, labelDelay, progressId),
            file.getFileName().toString(), FileRecordSource.labels(file, keyFile, labelDelay),
            file.getFileName().toString()),
        new FeatureJob.Sinks(null, OfflineSinks.features(store), OfflineSinks.labels(store),
            OfflineSinks.rejected(store)), config);
    long start = System.nanoTime();
    JobClient job = env.executeAsync("argus features --from-file " + file.getFileName());
    long total = Files.size(file);
    try (ConsoleProgress.Bar bar = showProgress
        ? ConsoleProgress.standardError().start("features", total / 1024, "KiB") : null) {
      while (!job.getJobExecutionResult().isDone()) {
        Thread.sleep(200);
        if (bar != null) {
          bar.advanceTo(FileRecordSource.bytesRead(progressId) / 1024);
        }
      }
    }
    job.getJobExecutionResult().get();
    return new FileRun((System.nanoTime() - start) / 1e9);
  }

  private FeatureJobConfig config() {
    Map<String, String> properties = new HashMap<>();
    properties.put(FeatureJobConfig.Key.OUT_OF_ORDERNESS.property(), Durations.format(outOfOrderness));
    properties.put(FeatureJobConfig.Key.ALLOWED_LATENESS.property(), Durations.format(allowedLateness));
    properties.put(FeatureJobConfig.Key.IDLE_TIMEOUT.property(), Durations.format(idleTimeout));
    properties.put(FeatureJobConfig.Key.CHECKPOINT_INTERVAL.property(), Durations.format(checkpointInterval));
    properties.put(FeatureJobConfig.Key.STATE_BACKEND.property(), stateBackend);
    properties.put(FeatureJobConfig.Key.CHECKPOINT_DIR.property(), uri(checkpointDir));
    properties.put(FeatureJobConfig.Key.PARALLELISM.property(), Integer.toString(parallelism));
    try {
      return FeatureJobConfig.from(properties);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage().replaceFirst("^([a-z-]+) ", "--$1 "));
    }
  }

  static StreamExecutionEnvironment environment(FeatureJobConfig config) {
    return StreamExecutionEnvironment.getExecutionEnvironment(FeatureJob.config(new Configuration(), config));
  }

  static String uri(Path path) {
    return path.toAbsolutePath().toUri().toString();
  }

  /** {@code argus features export}: the offline store as CSV. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Writes the offline store as CSV: ids, event time, one column per fraud_v1 feature, TX_FRAUD.")
  static final class Export implements Callable<Integer> {

    @Option(names = "--offline-dir", defaultValue = "argus-data/offline",
        description = "The offline store. Default: ${DEFAULT-VALUE}.")
    Path offlineDir;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "The CSV file to write.")
    Path out;

    @Option(names = "--with-sequence", description = "Also one column per sequence step feature (SEQ_AMOUNT_9 "
        + "oldest .. SEQ_AMOUNT_0 current).")
    boolean withSequence;

    @Override
    public Integer call() {
      OfflineStore store;
      try {
        store = OfflineStore.at(offlineDir);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage() + " (run 'argus features --from-file FILE --offline-dir "
            + offlineDir + "' first)");
      }
      try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        long rows = FeatureCsv.export(store, writer, withSequence);
        System.out.println("wrote " + rows + " rows to " + out);
        return 0;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + out, e);
      }
    }
  }
}
