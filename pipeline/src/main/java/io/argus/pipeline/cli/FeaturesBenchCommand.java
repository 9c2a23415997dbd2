package io.argus.pipeline.cli;

import io.argus.avro.FeatureVector;
import io.argus.avro.Transaction;
import io.argus.common.LatencyHistogram;
import io.argus.common.Percentiles;
import io.argus.common.SteadyRate;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.features.FraudV1;
import io.argus.features.job.FeatureJob;
import io.argus.features.job.FeatureJobConfig;
import io.argus.features.job.FeatureKafka;
import io.argus.features.offline.OfflineStore;
import io.argus.kafka.KafkaClients;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code argus bench features}: feature throughput over a handbook file at each parallelism, a check of the 15
 * baseline columns against an independent brute-force computation from the raw rows ({@link HandbookBaselines}: a
 * sample, every zero-amount row and the rows whose windows hold one, or every row), and the latency from
 * {@code transactions} to {@code features} at a fixed input rate on an embedded broker. Prints a table, then one
 * line of JSON.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Feature job throughput (file, each parallelism), baseline-column spot check, and "
        + "transactions-to-features latency on an embedded broker.")
public final class FeaturesBenchCommand implements Callable<Integer> {

  @Option(names = "--file", required = true, description = "A handbook CSV (.gz too).")
  Path file;

  @Option(names = "--parallelism", split = ",", defaultValue = "1,2",
      description = "Parallelisms to measure. Default: ${DEFAULT-VALUE}.")
  List<Integer> parallelisms;

  @Option(names = "--spot-check", defaultValue = "2000",
      description = "Random transactions to check against the brute-force baseline, besides every zero-amount one "
          + "and every one whose windows hold one. Default: ${DEFAULT-VALUE}.")
  int spotCheck;

  @Option(names = "--check-every-row", description = "Check every transaction against the brute-force baseline.")
  boolean checkEveryRow;

  @Option(names = "--rate", defaultValue = "500", description = "Transactions/s for the latency run. "
      + "Default: ${DEFAULT-VALUE}.")
  int rate;

  @Option(names = "--latency-seconds", defaultValue = "20", description = "Length of the latency run; 0 skips it. "
      + "Default: ${DEFAULT-VALUE}.")
  int latencySeconds;

  @Option(names = "--token-key-file", description = "The card-token key; otherwise ARGUS_TOKEN_KEY is read.")
  Path tokenKeyFile;

  @Option(names = "--work-dir", defaultValue = "argus-data/bench-features",
      description = "Scratch directory (emptied first). Default: ${DEFAULT-VALUE}.")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new UserException("--file " + file + ": no such file (a handbook CSV, .gz too)");
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    deleteRecursively(workDir);
    Path firstStore = null;
    for (int parallelism : parallelisms) {
      Path store = workDir.resolve("offline-p" + parallelism);
      FeatureJobConfig config = FeatureJobConfig.from(Map.of("parallelism", Integer.toString(parallelism),
          "checkpoint-dir", FeaturesCommand.uri(workDir.resolve("checkpoints"))));
      FeaturesCommand.FileRun run = FeaturesCommand.runFile(file, tokenKeyFile, FraudV1.LABEL_DELAY, store, config,
          true);
      long[] count = new long[1];
      OfflineStore.at(store).features(LocalDate.MIN, LocalDate.MAX, vector -> count[0]++);
      figures.put("transactions_p" + parallelism, count[0]);
      figures.put("seconds_p" + parallelism, round(run.seconds()));
      figures.put("transactions_per_s_p" + parallelism, Math.round(count[0] / run.seconds()));
      firstStore = firstStore == null ? store : firstStore;
    }
    figures.putAll(spotCheck(OfflineStore.at(firstStore)));
    if (latencySeconds > 0) {
      Percentiles latency = latency();
      figures.put("latency_rate_per_s", rate);
      figures.put("latency_count", latency.count());
      figures.put("latency_p50_ms", round(latency.p50()));
      figures.put("latency_p99_ms", round(latency.p99()));
    }

    System.out.println();
    System.out.printf(Locale.ROOT, "%-28s %s%n", "figure", "value");
    figures.forEach((name, value) -> System.out.printf(Locale.ROOT, "%-28s %s%n", name, value));
    StringBuilder json = new StringBuilder("{\"bench\":\"features\"");
    figures.forEach((name, value) -> json.append(",\"").append(name).append("\":").append(value));
    System.out.println(json.append('}'));
    return 0;
  }

  /**
   * Checks the 15 baseline columns of the store against the brute-force computation from the raw CSV
   * ({@link HandbookBaselines}): every row with {@code --check-every-row}; otherwise a random sample of
   * {@code --spot-check} rows plus every zero-amount row and every row whose windows hold one. Returns the figures.
   */
  private Map<String, Object> spotCheck(OfflineStore store) throws Exception {
    HandbookBaselines baselines = HandbookBaselines.read(file);
    int rows = baselines.rows();
    boolean[] sampled = new boolean[rows];
    Random random = new Random(42);
    for (int drawn = 0; drawn < Math.min(spotCheck, rows); ) {
      int row = random.nextInt(rows);
      drawn += sampled[row] ? 0 : 1;
      sampled[row] = true;
    }
    boolean[] featured = new boolean[rows];
    long[] counts = new long[6]; // checked, zero-amount rows checked, rows after one checked, mismatches,
                                 // mismatches on rows a zero amount touches, vectors of unknown rows
    store.features(LocalDate.MIN, LocalDate.MAX, vector -> {
      int row = baselines.row(vector.getTransactionId().toString());
      if (row < 0) {
        counts[5]++;
        return;
      }
      featured[row] = true;
      boolean touched = baselines.touchedByZeroAmount(row);
      if (!checkEveryRow && !sampled[row] && !touched) {
        return;
      }
      counts[0]++;
      counts[1] += baselines.zeroAmount(row) ? 1 : 0;
      counts[2] += touched && !baselines.zeroAmount(row) ? 1 : 0;
      for (Map.Entry<String, Double> feature : baselines.expected(row).entrySet()) {
        double actual = vector.getValues().get(FraudV1.FEATURE_SET.indexOf(feature.getKey()));
        if (Math.abs(actual - feature.getValue()) > 1e-9 * Math.max(1, Math.abs(feature.getValue()))) {
          counts[3]++;
          counts[4] += touched ? 1 : 0;
          if (counts[3] <= 5) {
            System.err.printf("mismatch %s %s: store %s, brute force %s%n", vector.getTransactionId(),
                feature.getKey(), actual, feature.getValue());
          }
        }
      }
    });
    long notFeatured = 0;
    for (boolean done : featured) {
      notFeatured += done ? 0 : 1;
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("file_rows", rows);
    figures.put("rows_not_featured", notFeatured);
    figures.put("vectors_of_unknown_rows", counts[5]);
    figures.put("zero_amount_rows", baselines.zeroAmountRows());
    figures.put("spot_checked", counts[0]);
    figures.put("spot_checked_zero_amount", counts[1]);
    figures.put("spot_checked_after_zero_amount", counts[2]);
    figures.put("spot_check_mismatches", counts[3]);
    figures.put("spot_check_mismatches_near_zero_amount", counts[4]);
    return figures;
  }

  /** Sends transactions at the fixed rate and measures ingest-to-features latency (its percentiles in ms). */
  private Percentiles latency() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, workDir.resolve("kafka"))) {
      String bootstrap = broker.bootstrap();
      TopicAdmin.createAll(bootstrap);
      FeatureJobConfig config = FeatureJobConfig.from(Map.of("parallelism", "1",
          "checkpoint-dir", FeaturesCommand.uri(workDir.resolve("checkpoints"))));
      StreamExecutionEnvironment env = FeaturesCommand.environment(config);
      FeatureKafka.Wiring kafka = FeatureKafka.wiring(bootstrap, "bench-features",
          FeaturesCommand.uri(workDir.resolve("offline-live")));
      FeatureJob.build(env, kafka.sources(), kafka.sinks(), config);
      JobClient job = env.executeAsync("bench features latency");
      LatencyHistogram latencies = LatencyHistogram.milliseconds();
      Thread reader = new Thread(() -> {
        try (KafkaConsumer<String, FeatureVector> consumer = KafkaClients.consumer(bootstrap, null, Topics.FEATURES)) {
          consumer.subscribe(List.of(Topics.FEATURES.name()));
          long end = System.nanoTime() + Duration.ofSeconds(latencySeconds + 15L).toNanos();
          while (System.nanoTime() < end) {
            for (ConsumerRecord<String, FeatureVector> record : consumer.poll(Duration.ofMillis(50))) {
              latencies.record(Math.max(0, System.currentTimeMillis() - record.value().getIngestTime().toEpochMilli()));
            }
          }
        }
      }, "latency-reader");
      reader.start();
      Thread.sleep(3000);
      try (KafkaProducer<String, Transaction> producer = KafkaClients.producer(bootstrap, Topics.TRANSACTIONS)) {
        long total = (long) rate * latencySeconds;
        SteadyRate pace = new SteadyRate(rate);
        for (long i = 0; i < total; i++) {
          pace.awaitDue(i);
          Instant now = Instant.now();
          String card = "card-" + (i % 500);
          producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), card, Transaction.newBuilder()
              .setTransactionId("bench-" + i).setEventTime(now).setCardToken(card).setCustomerId("c" + (i % 500))
              .setTerminalId("t" + (i % 97)).setAmountMinor(1000 + i % 9000).setCurrency("EUR").setIngestTime(now)
              .build()));
        }
      }
      reader.join();
      job.cancel().get();
      return latencies.percentiles();
    }
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static void deleteRecursively(Path directory) throws Exception {
    if (Files.exists(directory)) {
      try (var paths = Files.walk(directory)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
