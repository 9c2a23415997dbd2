package io.argus.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.avro.FraudLabel;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.ingestion.simulate.FraudScenario;
import io.argus.ingestion.simulate.HandbookCsvWriter;
import io.argus.ingestion.simulate.Pacer;
import io.argus.ingestion.simulate.SimulatedTransaction;
import io.argus.ingestion.simulate.SimulationEvent;
import io.argus.ingestion.simulate.SimulationFeed;
import io.argus.ingestion.simulate.Simulator;
import io.argus.ingestion.simulate.SimulatorConfig;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.ingestion.validation.ValidationResult;
import io.argus.kafka.KafkaClients;
import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.security.Roles;
import io.argus.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus simulate}: the handbook's generator plus card testing and account takeover, to a CSV file (the
 * handbook's columns) or to Kafka. To Kafka it writes, by default, validated {@code Transaction}s to
 * {@code transactions} (each one built as the public JSON and put through the validator's checks in-process) and
 * rejections, if any, to {@code transactions-dlq}; with {@code --raw} it writes the JSON to {@code transactions-raw}
 * for {@code argus validate} to check. Labels go to {@code fraud-labels} either way, reported after the label delay.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Simulates card transactions: the Fraud Detection Handbook's generator (customers and terminals "
        + "on a grid, fraud scenarios 1-3) plus card testing (4) and account takeover (5). Deterministic by seed.",
        "--out FILE.csv writes the handbook's columns (gzipped for .gz). --bootstrap writes validated Transactions "
            + "to transactions (or, with --raw, the public JSON to transactions-raw) and FraudLabels to fraud-labels.",
        "Ends with a summary and one line of JSON."})
public final class SimulateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the handbook's CSV columns to this file.")
  Path out;

  /** Or to Kafka: {@code --bootstrap} (and {@code --kafka-config}). */
  @Mixin
  KafkaOptions kafka;

  @Option(names = "--raw", description = "To Kafka: write the public JSON to transactions-raw instead of validated "
      + "transactions.")
  boolean raw;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--start", defaultValue = "2018-04-01",
      description = "First simulated day (UTC). Default: ${DEFAULT-VALUE}, the handbook's.")
  LocalDate start;

  @Option(names = "--days", defaultValue = "183", description = "Days to simulate. Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(names = "--count", defaultValue = "0",
      description = "Stop after this many transactions (0: when the days are done). Default: ${DEFAULT-VALUE}.")
  long count;

  @Option(names = "--customers", defaultValue = "5000", description = "Customers, one card each. "
      + "Default: ${DEFAULT-VALUE}.")
  int customers;

  @Option(names = "--terminals", defaultValue = "10000", description = "Terminals. Default: ${DEFAULT-VALUE}.")
  int terminals;

  @Option(names = "--id-prefix", defaultValue = "",
      description = "Put before every transaction id, so that runs can share topics. Default: none.")
  String idPrefix;

  @Option(names = "--tps", defaultValue = "0",
      description = "To Kafka: at most this many transactions a second (0: as fast as possible). "
          + "Default: ${DEFAULT-VALUE}.")
  double transactionsPerSecond;

  @Option(names = "--live", description = "To Kafka: never send a transaction or label before its time; a simulation "
      + "that starts in the past sends its history at once, then goes on in real time.")
  boolean live;

  @Option(names = "--label-delay", defaultValue = "7d", converter = DurationConverter.class,
      description = "Labels are reported this long after their transaction; a duration like 30s, 3d or ISO-8601 "
          + "(P7D). Default: ${DEFAULT-VALUE}.")
  Duration labelDelay;

  @Mixin
  ValidateCommand.TokenKeyOptions tokenKey;

  @Override
  public Integer call() throws IOException {
    if ((out == null) == !kafka.given()) {
      throw new UserException("give one destination: --out FILE.csv, or Kafka with --bootstrap HOST:PORT "
          + "(and --kafka-config FILE)");
    }
    SimulatorConfig config = config();
    Summary summary = out != null ? writeCsv(config) : sendToKafka(config);
    summary.print(spec.commandLine().getOut());
    return 0;
  }

  private SimulatorConfig config() {
    if (transactionsPerSecond < 0 || labelDelay.isNegative()) {
      throw new UserException("--tps and --label-delay must not be negative, got " + transactionsPerSecond + " and "
          + labelDelay);
    }
    try {
      return SimulatorConfig.DEFAULTS.withSeed(seed).withStart(start.atStartOfDay(ZoneOffset.UTC).toInstant())
          .withDays(days).withMaxTransactions(count).withPopulation(customers, terminals).withIdPrefix(idPrefix);
    } catch (IllegalArgumentException e) {
      throw new UserException("invalid simulation: " + e.getMessage());
    }
  }

  private Summary writeCsv(SimulatorConfig config) throws IOException {
    Summary summary = new Summary(out.getFileName().toString());
    Simulator simulator = Simulator.create(config);
    try (HandbookCsvWriter writer = HandbookCsvWriter.create(out);
        ConsoleProgress.Bar bar = ConsoleProgress.standardError().start("simulate", config.days(), "days")) {
      while (simulator.hasNext()) {
        SimulatedTransaction transaction = simulator.next();
        writer.write(transaction);
        summary.count(transaction);
        bar.advanceTo(transaction.day() + 1);
      }
    }
    summary.labels = summary.transactions;
    return summary.finish();
  }

  private Summary sendToKafka(SimulatorConfig config) {
    TransactionValidator validator = new TransactionValidator(tokenKey.tokenizer(),
        ValidationLimits.DEFAULTS, Clock.systemUTC());
    KafkaSettings settings = kafka.connect(Roles.simulate(), true);
    Summary summary = new Summary(raw ? Topics.TRANSACTIONS_RAW.name() : Topics.TRANSACTIONS.name());
    SimulationFeed feed = new SimulationFeed(Simulator.create(config), validator, labelDelay,
        Pacer.of(transactionsPerSecond, live));
    IngestCommand.Acknowledgements written = new IngestCommand.Acknowledgements();
    try (KafkaProducer<String, byte[]> rawProducer = KafkaClients.producer(settings, Topics.TRANSACTIONS_RAW);
        KafkaProducer<String, Transaction> transactions = KafkaClients.producer(settings, Topics.TRANSACTIONS);
        KafkaProducer<String, RejectedRecord> rejections = KafkaClients.producer(settings, Topics.TRANSACTIONS_DLQ);
        KafkaProducer<String, FraudLabel> labels = KafkaClients.producer(settings, Topics.FRAUD_LABELS);
        ConsoleProgress.Bar bar = ConsoleProgress.standardError().start("simulate", config.days(), "days")) {
      while (feed.hasNext() && written.failures.get() == 0) {
        SimulationEvent event = feed.next();
        if (event instanceof SimulationEvent.Reported reported) {
          FraudLabel label = reported.label();
          labels.send(new ProducerRecord<>(Topics.FRAUD_LABELS.name(), label.getCardToken(), label), written);
          summary.labels++;
          continue;
        }
        SimulationEvent.Sent sent = (SimulationEvent.Sent) event;
        ValidationResult result = sent.result();
        summary.count(sent.simulated());
        if (raw) {
          rawProducer.send(new ProducerRecord<>(Topics.TRANSACTIONS_RAW.name(), sent.simulated().transactionId(),
              sent.json()), written);
        } else if (result.isAccepted()) {
          transactions.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), result.transaction().getCardToken(),
              result.transaction()), written);
        } else {
          summary.rejected++;
          rejections.send(new ProducerRecord<>(Topics.TRANSACTIONS_DLQ.name(), SimulationFeed.SOURCE,
              result.rejection()), written);
        }
        bar.advanceTo(sent.simulated().day() + 1);
      }
    }
    if (written.failures.get() > 0) {
      throw new UserException("stopped: " + written.failures.get() + " records could not be written to Kafka at "
          + settings.bootstrap() + " (first error: " + written.firstFailure.get().getMessage() + ")");
    }
    return summary.finish();
  }

  /** What was simulated: transactions, frauds per scenario, labels, how fast. */
  private static final class Summary {
    private final String destination;
    private final long started = System.nanoTime();
    private final Map<FraudScenario, Long> byScenario = new EnumMap<>(FraudScenario.class);
    private long transactions;
    private long labels;
    private long rejected;
    private double seconds;

    Summary(String destination) {
      this.destination = destination;
    }

    void count(SimulatedTransaction transaction) {
      transactions++;
      byScenario.merge(transaction.scenario(), 1L, Long::sum);
    }

    Summary finish() {
      seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
      return this;
    }

    void print(PrintWriter out) throws IOException {
      long frauds = transactions - byScenario.getOrDefault(FraudScenario.NONE, 0L);
      out.printf(Locale.ROOT, "simulation to %s%n", destination);
      out.printf(Locale.ROOT, "  %-24s %,14d%n", "transactions", transactions);
      out.printf(Locale.ROOT, "  %-24s %,14d (%.3f %%)%n", "frauds", frauds,
          100.0 * frauds / Math.max(1, transactions));
      for (FraudScenario scenario : FraudScenario.values()) {
        if (scenario.isFraud()) {
          out.printf(Locale.ROOT, "    %d %-20s %,14d%n", scenario.number(), scenario, byScenario.getOrDefault(
              scenario, 0L));
        }
      }
      out.printf(Locale.ROOT, "  %-24s %,14d%n", "labels", labels);
      out.printf(Locale.ROOT, "  %-24s %,14d%n", "rejected", rejected);
      out.printf(Locale.ROOT, "  %-24s %,14.1f%n", "seconds", seconds);
      out.printf(Locale.ROOT, "  %-24s %,14.0f%n", "transactions/s", transactions / seconds);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("destination", destination);
      json.put("transactions", transactions);
      json.put("frauds", frauds);
      Map<String, Long> scenarios = new LinkedHashMap<>();
      byScenario.forEach((scenario, value) -> {
        if (scenario.isFraud()) {
          scenarios.put(Integer.toString(scenario.number()), value);
        }
      });
      json.put("frauds_by_scenario", scenarios);
      json.put("labels", labels);
      json.put("rejected", rejected);
      json.put("seconds", Math.round(seconds * 100) / 100.0);
      json.put("transactions_per_s", Math.round(transactions / seconds));
      out.println(new ObjectMapper().writeValueAsString(json));
    }
  }
}
