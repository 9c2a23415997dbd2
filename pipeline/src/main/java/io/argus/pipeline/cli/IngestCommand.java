package io.argus.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.avro.FraudLabel;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.ingestion.file.FileFormatException;
import io.argus.ingestion.file.FileRecord;
import io.argus.ingestion.file.TransactionFileReader;
import io.argus.ingestion.file.TransactionFiles;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationCounters;
import io.argus.ingestion.validation.ValidationCounts;
import io.argus.kafka.KafkaClients;
import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.security.Roles;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code argus ingest}: streams a transaction file (the handbook's CSV or JSON lines, gzipped or not) through the one
 * validation to Kafka — transactions to {@code transactions}, rejected lines to {@code transactions-dlq}, labels to
 * {@code fraud-labels} — with a progress bar, then prints a reconciliation table and one line of JSON.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Streams a transaction file through the validator's checks to Kafka: Transaction records to "
        + "transactions (keyed by card token), rejected lines to transactions-dlq, and, when the file says which "
        + "transactions were fraud (TX_FRAUD), FraudLabels to fraud-labels.",
        "Reads the handbook's CSV (TRANSACTION_ID, TX_DATETIME, CUSTOMER_ID, TERMINAL_ID, TX_AMOUNT[, TX_FRAUD, "
            + "TX_FRAUD_SCENARIO]) or JSON lines of the public contract, .gz too. Ends with a reconciliation table "
            + "and one line of JSON."})
public final class IngestCommand implements Callable<Integer> {

  private static final int SUFFIX_EVERY = 10_000;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The file to ingest.")
  Path file;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  ValidateCommand.TokenKeyOptions tokenKey;

  @Mixin
  ValidateCommand.LimitOptions limits;

  @Option(names = "--label-delay", defaultValue = "7d", converter = DurationConverter.class,
      description = "Labels are reported this long after their transaction; a duration like 30s, 3d or ISO-8601 "
          + "(P7D). Default: ${DEFAULT-VALUE}.")
  Duration labelDelay;

  @Override
  public Integer call() throws IOException {
    if (labelDelay.isNegative()) {
      throw new UserException("--label-delay must not be negative, got " + labelDelay);
    }
    TransactionValidator validator = new TransactionValidator(tokenKey.tokenizer(), limits.limits(),
        Clock.systemUTC());
    ValidationCounters counters = new ValidationCounters();
    Written written = new Written();
    long started = System.nanoTime();
    KafkaSettings settings;
    try (TransactionFileReader reader = open(validator)) {
      settings = kafka.connect(Roles.ingest(), true);
      send(settings, reader, counters, written);
    }
    double seconds = seconds(started);
    if (written.failures() > 0) {
      throw new UserException("stopped: " + written.failures() + " records could not be written to Kafka at "
          + settings.bootstrap() + " (first error: " + written.firstFailure().getMessage() + ")");
    }
    report(counters.snapshot(), written, seconds, spec.commandLine().getOut());
    return 0;
  }

  /** Sends every record of the file to its topic, and its label; stops at the first failed write. */
  private void send(KafkaSettings settings, TransactionFileReader reader, ValidationCounters counters,
      Written written) {
    long started = System.nanoTime();
    try (KafkaProducer<String, Transaction> transactions = KafkaClients.producer(settings, Topics.TRANSACTIONS);
        KafkaProducer<String, RejectedRecord> rejections = KafkaClients.producer(settings, Topics.TRANSACTIONS_DLQ);
        KafkaProducer<String, FraudLabel> fraudLabels = KafkaClients.producer(settings, Topics.FRAUD_LABELS);
        ConsoleProgress.Bar bar = ConsoleProgress.standardError().start("ingest " + file.getFileName(),
            reader.totalBytes(), "bytes")) {
      long read = 0;
      while (reader.hasNext() && written.failures() == 0) {
        FileRecord record = reader.next();
        read++;
        if (record.isAccepted()) {
          counters.validated();
          send(transactions, Topics.TRANSACTIONS, record.transaction().getCardToken(), record.transaction(),
              written.records);
        } else {
          counters.rejected(record.rejection().getReason());
          send(rejections, Topics.TRANSACTIONS_DLQ, record.rejection().getSourceTopic(), record.rejection(),
              written.records);
        }
        if (record.label() != null) {
          send(fraudLabels, Topics.FRAUD_LABELS, record.label().getCardToken(), record.label(), written.labels);
        }
        bar.advanceTo(reader.bytesRead());
        if (read % SUFFIX_EVERY == 0) {
          bar.status(String.format(Locale.ROOT, "%,d records, %,.0f records/s", read, read / seconds(started)));
        }
      }
    }
  }

  private TransactionFileReader open(TransactionValidator validator) {
    try {
      return TransactionFiles.open(file, validator, labelDelay);
    } catch (FileFormatException e) {
      throw new UserException(e.getMessage());
    }
  }

  private static <V> void send(KafkaProducer<String, V> producer, Topic<String, V> topic, String key, V value,
      Acknowledgements acknowledgements) {
    producer.send(new ProducerRecord<>(topic.name(), key, value), acknowledgements);
  }

  private void report(ValidationCounts counts, Written written, double seconds, PrintWriter out) throws IOException {
    long read = counts.total();
    long labels = written.labels.acknowledged.get();
    double rate = read / seconds;
    out.printf(Locale.ROOT, "ingest of %s%n", file.getFileName());
    out.printf(Locale.ROOT, "  %-24s %,14d%n", "read", read);
    out.printf(Locale.ROOT, "  %-24s %,14d%n", "validated", counts.validated());
    out.printf(Locale.ROOT, "  %-24s %,14d%n", "rejected", counts.rejected());
    counts.rejectedByReason().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(entry -> out.printf(Locale.ROOT, "    %-22s %,14d%n", entry.getKey(), entry.getValue()));
    out.printf(Locale.ROOT, "  %-24s %,14d%n", "labels", labels);
    out.printf(Locale.ROOT, "  %-24s %,14.1f%n", "seconds", seconds);
    out.printf(Locale.ROOT, "  %-24s %,14.0f%n", "records/s", rate);
    out.printf(Locale.ROOT, "  read = validated + rejected = acknowledged by Kafka: %,d = %,d + %,d = %,d%n", read,
        counts.validated(), counts.rejected(), written.records.acknowledged.get());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file", file.getFileName().toString());
    json.put("read", read);
    json.put("validated", counts.validated());
    json.put("rejected", counts.rejected());
    Map<String, Long> byReason = new LinkedHashMap<>();
    counts.rejectedByReason().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(entry -> byReason.put(entry.getKey().name(), entry.getValue()));
    json.put("rejected_by_reason", byReason);
    json.put("acknowledged", written.records.acknowledged.get());
    json.put("labels", labels);
    json.put("seconds", Math.round(seconds * 100) / 100.0);
    json.put("records_per_s", Math.round(rate));
    out.println(new ObjectMapper().writeValueAsString(json));
  }

  private static double seconds(long startedNanos) {
    return Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
  }

  /** What Kafka acknowledged: the file's records (transactions and rejections), and the labels. */
  private static final class Written {
    private final Acknowledgements records = new Acknowledgements();
    private final Acknowledgements labels = new Acknowledgements();

    long failures() {
      return records.failures.get() + labels.failures.get();
    }

    Exception firstFailure() {
      return records.firstFailure.get() != null ? records.firstFailure.get() : labels.firstFailure.get();
    }
  }

  /** Counts acknowledged and failed writes; Kafka calls it from its I/O thread. {@code simulate} uses it too. */
  static final class Acknowledgements implements Callback {
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception == null) {
        acknowledged.incrementAndGet();
      } else {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, exception);
      }
    }
  }
}
