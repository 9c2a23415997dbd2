package io.argus.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.ingestion.simulate.Simulator;
import io.argus.ingestion.simulate.SimulatorConfig;
import io.argus.ingestion.streams.Validator;
import io.argus.ingestion.streams.ValidatorTopology;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.validation.SourcePosition;
import io.argus.ingestion.validation.TransactionJson;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.kafka.KafkaClients;
import io.argus.kafka.KafkaSettings;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus bench validate}: the validator's throughput. Sends N simulated raw JSON records (one in twenty
 * malformed) to {@code transactions-raw}, then, per run, measures the validation function alone in this thread and
 * the running topology end to end (from {@code start()} until every output is committed and readable), and prints
 * medians, the ratio of the two, and one line of JSON.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Measures the validator: the validation function alone, and the Kafka Streams topology end to end "
        + "on a broker (an embedded KRaft broker unless --bootstrap is given), over N raw JSON records.",
        "Prints medians over the runs and one line of JSON."})
public final class ValidateBenchCommand implements Callable<Integer> {

  private static final int MALFORMED_EVERY = 20;

  @Spec
  CommandSpec spec;

  @Option(names = "--records", defaultValue = "200000", description = "Raw records per run. Default: ${DEFAULT-VALUE}.")
  int records;

  @Option(names = "--runs", defaultValue = "3", description = "Runs; medians are reported. Default: ${DEFAULT-VALUE}.")
  int runs;

  /** Kafka to use; without --bootstrap, an embedded broker in a temporary directory. */
  @Mixin
  KafkaOptions cluster;

  @Override
  public Integer call() throws Exception {
    if (records < 1 || runs < 1) {
      throw new UserException("--records and --runs must be at least 1, got " + records + " and " + runs);
    }
    Path directory = Files.createTempDirectory("argus-bench-validate");
    EmbeddedKafkaBroker broker = cluster.given() ? null : EmbeddedKafkaBroker.start(0, directory.resolve("kafka"));
    KafkaSettings kafka = broker == null ? cluster.settings() : KafkaSettings.of(broker.bootstrap());
    try {
      TopicAdmin.createAll(kafka);
      List<byte[]> raw = rawRecords();
      long sendStarted = System.nanoTime();
      send(kafka, raw);
      double sendRate = raw.size() / seconds(sendStarted);
      TransactionValidator validator = new TransactionValidator(CardTokenizer.throwaway(), ValidationLimits.DEFAULTS,
          Clock.systemUTC());
      double[] function = new double[runs];
      double[] endToEnd = new double[runs];
      double[] steady = new double[runs];
      double[] startup = new double[runs];
      for (int run = 0; run < runs; run++) {
        function[run] = validateInThisThread(validator, raw);
        double[] topology = runTopology(kafka, validator, directory.resolve("streams-" + run));
        endToEnd[run] = topology[0];
        steady[run] = topology[1];
        startup[run] = topology[2];
      }
      report(kafka, broker != null, sendRate, function, endToEnd, steady, startup);
      return 0;
    } finally {
      if (broker != null) {
        broker.close();
      }
      deleteRecursively(directory);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Simulated transactions as public JSON; every twentieth has a negative amount. */
  private List<byte[]> rawRecords() {
    Simulator simulator = Simulator.create(SimulatorConfig.DEFAULTS.withMaxTransactions(records));
    List<byte[]> raw = new ArrayList<>(records);
    while (simulator.hasNext()) {
      TransactionJson json = simulator.next().json();
      if (raw.size() % MALFORMED_EVERY == MALFORMED_EVERY - 1) {
        json.node().put("amount", "-1.00");
      }
      raw.add(json.bytes());
    }
    return raw;
  }

  /** Sends every record; fails, rather than waiting for outputs that cannot come, when Kafka refused any. */
  private static void send(KafkaSettings kafka, List<byte[]> raw) {
    AtomicReference<Exception> refused = new AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(kafka, Topics.TRANSACTIONS_RAW)) {
      for (byte[] value : raw) {
        producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_RAW.name(), null, value), (metadata, exception) -> {
          if (exception != null) {
            refused.compareAndSet(null, exception);
          }
        });
      }
    }
    if (refused.get() != null) {
      throw new IllegalStateException("Kafka refused benchmark records: " + refused.get().getMessage(), refused.get());
    }
  }

  private static double validateInThisThread(TransactionValidator validator, List<byte[]> raw) {
    long started = System.nanoTime();
    long accepted = 0;
    for (int i = 0; i < raw.size(); i++) {
      if (validator.validate(raw.get(i), new SourcePosition(Topics.TRANSACTIONS_RAW.name(), 0, i)).isAccepted()) {
        accepted++;
      }
    }
    if (accepted == 0) {
      throw new IllegalStateException("no record was accepted: the benchmark's records are wrong");
    }
    return raw.size() / seconds(started);
  }

  /** One run of the topology under a fresh application id: {end-to-end rate, steady rate, seconds to first output}. */
  private double[] runTopology(KafkaSettings kafka, TransactionValidator validator, Path stateDir) {
    Properties settings = new Properties();
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "argus-bench-validate-" + UUID.randomUUID());
    settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    settings.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    try (KafkaConsumer<byte[], byte[]> outputs = outputConsumer(kafka);
        Validator running = Validator.start(kafka, settings, validator, ValidatorTopology.DEFAULT_DUPLICATE_WINDOW)) {
      // The clock starts once the validator runs: building the Kafka Streams client is not timed, as before.
      long started = System.nanoTime();
      long firstOutput = 0;
      long seen = 0;
      long deadline = started + Duration.ofMinutes(10).toNanos();
      while (seen < records) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the validator wrote " + seen + " of " + records + " outputs in 10 minutes");
        }
        int polled = outputs.poll(Duration.ofMillis(100)).count();
        if (polled > 0 && firstOutput == 0) {
          firstOutput = System.nanoTime();
        }
        seen += polled;
      }
      long finished = System.nanoTime();
      return new double[] {records / ((finished - started) / 1e9), records / ((finished - firstOutput) / 1e9),
          (firstOutput - started) / 1e9};
    }
  }

  /** A read-committed consumer positioned at the current end of the validator's outputs. */
  private static KafkaConsumer<byte[], byte[]> outputConsumer(KafkaSettings kafka) {
    Properties properties = kafka.clientProperties();
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.TRANSACTIONS.name(), Topics.TRANSACTIONS_DLQ.name())) {
      consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  private void report(KafkaSettings kafka, boolean embedded, double sendRate, double[] function, double[] endToEnd,
      double[] steady, double[] startup) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    double ratio = median(steady) / median(function);
    out.printf(Locale.ROOT, "validator benchmark: %,d raw JSON records (1 in %d malformed), %d runs, %s%n",
        records, MALFORMED_EVERY, runs, embedded ? "embedded broker" : "Kafka at " + kafka.describe());
    out.printf(Locale.ROOT, "  %-40s %12s   %s%n", "", "median", "runs");
    row(out, "validation function alone (records/s)", function);
    row(out, "topology end to end (records/s)", endToEnd);
    row(out, "topology after first output (records/s)", steady);
    out.printf(Locale.ROOT, "  %-40s %,12.2f   %s%n", "start to first output (s)", median(startup),
        format(startup, "%.2f"));
    out.printf(Locale.ROOT, "  %-40s %,12.2f%n", "ratio topology / function", ratio);
    out.printf(Locale.ROOT, "  %-40s %,12.0f%n", "raw records sent (records/s)", sendRate);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "validate");
    json.put("records", records);
    json.put("runs", runs);
    json.put("function_records_per_s", Math.round(median(function)));
    json.put("topology_end_to_end_records_per_s", Math.round(median(endToEnd)));
    json.put("topology_steady_records_per_s", Math.round(median(steady)));
    json.put("start_to_first_output_s", Math.round(median(startup) * 100) / 100.0);
    json.put("ratio_topology_to_function", Math.round(ratio * 1000) / 1000.0);
    json.put("send_records_per_s", Math.round(sendRate));
    out.println(new ObjectMapper().writeValueAsString(json));
  }

  private static void row(PrintWriter out, String name, double[] values) {
    out.printf(Locale.ROOT, "  %-40s %,12.0f   %s%n", name, median(values), format(values, "%,.0f"));
  }

  private static String format(double[] values, String pattern) {
    return Arrays.stream(values).mapToObj(value -> String.format(Locale.ROOT, pattern, value)).toList().toString();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
