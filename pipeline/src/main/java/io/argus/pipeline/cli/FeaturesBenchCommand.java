package io.argus.pipeline.cli;

import io.argus.avro.FeatureVector;
import io.argus.avro.Transaction;
import io.argus.common.LatencyHistogram;
import io.argus.common.Percentiles;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.features.FraudV1;
import io.argus.features.job.FeatureJob;
import io.argus.features.job.FeatureJobConfig;
import io.argus.features.job.FeatureKafka;
import io.argus.features.offline.OfflineStore;
import io.argus.kafka.KafkaClients;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code argus bench features}: feature throughput over a handbook file at each parallelism, a spot check of the
 * 15 baseline columns against an independent brute-force computation from the raw rows, and the latency from
 * {@code transactions} to {@code features} at a fixed input rate on an embedded broker. Prints a table, then one
 * line of JSON.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Feature job throughput (file, each parallelism), baseline-column spot check, and "
        + "transactions-to-features latency on an embedded broker.")
public final class FeaturesBenchCommand implements Callable<Integer> {

  private static final DateTimeFormatter HANDBOOK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Option(names = "--file", required = true, description = "A handbook CSV (.gz too).")
  Path file;

  @Option(names = "--parallelism", split = ",", defaultValue = "1,2",
      description = "Parallelisms to measure. Default: ${DEFAULT-VALUE}.")
  List<Integer> parallelisms;

  @Option(names = "--spot-check", defaultValue = "2000",
      description = "Transactions to check against the brute-force baseline. Default: ${DEFAULT-VALUE}.")
  int spotCheck;

  @Option(names = "--rate", defaultValue = "500", description = "Transactions/s for the latency run. "
      + "Default: ${DEFAULT-VALUE}.")
  int rate;

  @Option(names = "--latency-seconds", defaultValue = "20", description = "Length of the latency run. "
      + "Default: ${DEFAULT-VALUE}.")
  int latencySeconds;

  @Option(names = "--token-key-file", description = "The card-token key; otherwise ARGUS_TOKEN_KEY is read.")
  Path tokenKeyFile;

  @Option(names = "--work-dir", defaultValue = "argus-data/bench-features",
      description = "Scratch directory (emptied first). Default: ${DEFAULT-VALUE}.")
  Path workDir;

  @Override
  public Integer call() throws Exception {
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
    long[] check = spotCheck(OfflineStore.at(firstStore));
    figures.put("file_rows", check[0]);
    figures.put("rows_not_featured", check[1]);
    figures.put("spot_checked", check[2]);
    figures.put("spot_check_mismatches", check[3]);
    Percentiles latency = latency();
    figures.put("latency_rate_per_s", rate);
    figures.put("latency_count", latency.count());
    figures.put("latency_p50_ms", round(latency.p50()));
    figures.put("latency_p99_ms", round(latency.p99()));

    System.out.println();
    System.out.printf(Locale.ROOT, "%-28s %s%n", "figure", "value");
    figures.forEach((name, value) -> System.out.printf(Locale.ROOT, "%-28s %s%n", name, value));
    StringBuilder json = new StringBuilder("{\"bench\":\"features\"");
    figures.forEach((name, value) -> json.append(",\"").append(name).append("\":").append(value));
    System.out.println(json.append('}'));
    return 0;
  }

  /**
   * Checks the 15 baseline columns of a sample against a brute-force computation from the raw CSV, over the rows the
   * store holds (rows the validation rejected, such as amounts of 0.00, are counted apart). Returns file rows, rows
   * not featured, vectors checked, mismatching values.
   */
  private long[] spotCheck(OfflineStore store) throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file), 1 << 16)
            : Files.newInputStream(file), StandardCharsets.UTF_8))) {
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        rows.add(line.split(","));
      }
    }
    int n = rows.size();
    long[] seconds = new long[n];
    double[] amounts = new double[n];
    boolean[] frauds = new boolean[n];
    Map<String, List<Integer>> byCustomer = new HashMap<>();
    Map<String, List<Integer>> byTerminal = new HashMap<>();
    Map<String, Integer> rowOf = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String[] row = rows.get(i);
      seconds[i] = LocalDateTime.parse(row[1], HANDBOOK_TIME).toEpochSecond(ZoneOffset.UTC);
      amounts[i] = Double.parseDouble(row[4]);
      frauds[i] = row[7].trim().equals("1");
      byCustomer.computeIfAbsent(row[2], k -> new ArrayList<>()).add(i);
      byTerminal.computeIfAbsent(row[3], k -> new ArrayList<>()).add(i);
      rowOf.put(row[0], i);
    }
    List<FeatureVector> sample = new ArrayList<>();
    Random random = new Random(42);
    long[] seen = new long[1];
    boolean[] featured = new boolean[n];
    store.features(LocalDate.MIN, LocalDate.MAX, vector -> {
      seen[0]++;
      featured[rowOf.get(vector.getTransactionId().toString())] = true;
      if (sample.size() < spotCheck) {
        sample.add(vector);
      } else {
        int slot = random.nextInt((int) Math.min(Integer.MAX_VALUE, seen[0]));
        if (slot < spotCheck) {
          sample.set(slot, vector);
        }
      }
    });
    long mismatches = 0;
    for (FeatureVector vector : sample) {
      int i = rowOf.get(vector.getTransactionId().toString());
      Map<String, Double> expected = new HashMap<>();
      long t = seconds[i];
      LocalDateTime time = LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC);
      expected.put(FraudV1.TX_AMOUNT, amounts[i]);
      expected.put(FraudV1.TX_DURING_WEEKEND, time.getDayOfWeek().getValue() >= 6 ? 1.0 : 0.0);
      expected.put(FraudV1.TX_DURING_NIGHT, time.getHour() <= 6 ? 1.0 : 0.0);
      for (int days : FraudV1.WINDOW_DAYS) {
        int count = 0;
        double sum = 0;
        for (int j : byCustomer.get(rows.get(i)[2])) {
          if (featured[j] && j <= i && seconds[j] > t - days * 86_400L) {
            count++;
            sum += amounts[j];
          }
        }
        expected.put(FraudV1.customerCount(days), (double) count);
        expected.put(FraudV1.customerAverageAmount(days), sum / count);
        int terminalCount = 0;
        int terminalFrauds = 0;
        for (int j : byTerminal.get(rows.get(i)[3])) {
          if (featured[j] && seconds[j] > t - (7 + days) * 86_400L && seconds[j] <= t - 7 * 86_400L) {
            terminalCount++;
            terminalFrauds += frauds[j] ? 1 : 0;
          }
        }
        expected.put(FraudV1.terminalCount(days), (double) terminalCount);
        expected.put(FraudV1.terminalRisk(days), terminalCount == 0 ? 0 : (double) terminalFrauds / terminalCount);
      }
      for (Map.Entry<String, Double> feature : expected.entrySet()) {
        double actual = vector.getValues().get(FraudV1.FEATURE_SET.indexOf(feature.getKey()));
        if (Math.abs(actual - feature.getValue()) > 1e-9 * Math.max(1, Math.abs(feature.getValue()))) {
          mismatches++;
          if (mismatches <= 5) {
            System.err.printf("mismatch %s %s: store %s, brute force %s%n", vector.getTransactionId(),
                feature.getKey(), actual, feature.getValue());
          }
        }
      }
    }
    long notFeatured = 0;
    for (boolean done : featured) {
      notFeatured += done ? 0 : 1;
    }
    return new long[] {n, notFeatured, sample.size(), mismatches};
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
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
          long due = start + i * 1_000_000_000L / rate;
          while (System.nanoTime() < due) {
            Thread.onSpinWait();
          }
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
