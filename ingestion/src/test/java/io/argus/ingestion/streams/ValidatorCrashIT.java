package io.argus.ingestion.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.CheckedRecord;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.embedded.TopicReader;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator's guarantee across a crash, with its second stage at least once (the default) and exactly once: it
 * runs in a child JVM that is killed ({@code SIGKILL}: no close, no commit; the records since each stage's last
 * commit are processed again after the restart) while raw records flow, then is started again on the same state
 * directory. Read committed, every raw record ends in {@code transactions} or {@code transactions-dlq}, never in
 * both, none missing, every reason as sent. At least once, the outputs since the last commit are written again, and
 * every copy is the same as its first (so a reader that keeps the first per transaction id misses nothing); exactly
 * once, no output is written twice.
 */
class ValidatorCrashIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final String APPLICATION_ID = "validator-crash";

  @TempDir
  static Path directory;
  private static EmbeddedKafkaBroker broker;

  /** A broker of its own for each guarantee: the outputs of one run are not the other's. */
  @BeforeEach
  void startBroker() throws IOException {
    broker = EmbeddedKafkaBroker.start(0, Files.createTempDirectory(directory, "kafka"));
    TopicAdmin.createAll(broker.bootstrap());
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2})
  void shouldPutEveryRawRecordInOneOutputAcrossAnAbruptKill(String guarantee) throws Exception {
    List<ValidatorReconciliation.Raw> records = ValidatorReconciliation.records();
    CompletableFuture<Void> load = CompletableFuture.runAsync(() -> send(records, 500));

    Process first = startValidator("first", guarantee);
    List<?> before = TopicReader.readAll(broker.bootstrap(), Topics.TRANSACTIONS, 1_000, TIMEOUT, Duration.ZERO);
    assertThat(before).as("transactions published before the kill").hasSizeGreaterThanOrEqualTo(1_000);
    first.destroyForcibly().waitFor();
    Process second = startValidator("second", guarantee);
    try {
      load.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      List<ConsumerRecord<String, Transaction>> transactions = TopicReader.readAll(broker.bootstrap(),
          Topics.TRANSACTIONS, expectedTransactions(records), TIMEOUT, Duration.ofSeconds(5));
      List<ConsumerRecord<String, RejectedRecord>> rejections = TopicReader.read(broker.bootstrap(),
          Topics.TRANSACTIONS_DLQ, record -> record.value().getSourceTopic().equals(Topics.TRANSACTIONS_RAW.name()),
          records.size() - expectedTransactions(records), TIMEOUT, Duration.ofSeconds(3));
      List<ConsumerRecord<String, CheckedRecord>> checked = TopicReader.readAll(broker.bootstrap(),
          Topics.TRANSACTIONS_CHECKED, records.size(), TIMEOUT, Duration.ofSeconds(3));

      assertThat(checked.size()).as("the first stage wrote records again after the kill")
          .isGreaterThan(records.size());
      Map<String, List<Transaction>> byId = transactions.stream().map(ConsumerRecord::value)
          .collect(Collectors.groupingBy(transaction -> transaction.getTransactionId().toString()));
      Map<String, List<RejectedRecord>> byRawRecord = rejections.stream().map(ConsumerRecord::value)
          .collect(Collectors.groupingBy(rejection -> rejection.getSourcePartition() + "/"
              + rejection.getSourceOffset()));
      assertThat(reasons(byRawRecord)).isEqualTo(expectedReasons(records));
      assertThat(byId).as("validated, copies apart").hasSize(expectedTransactions(records));
      byId.forEach((id, copies) -> assertThat(copies).as("the copies of " + id).allSatisfy(
          copy -> assertThat(withoutIngestTime(copy)).isEqualTo(withoutIngestTime(copies.get(0)))));
      byRawRecord.forEach((raw, copies) -> assertThat(copies).extracting(RejectedRecord::getReason)
          .as("the copies of raw record " + raw).containsOnly(copies.get(0).getReason()));
      int copies = transactions.size() + rejections.size() - records.size();
      if (guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)) {
        assertThat(copies).as("copies written exactly once").isZero();
      } else {
        assertThat(copies).as("copies written at least once: the outputs since the last commit, written again")
            .isPositive();
      }
    } finally {
      second.destroyForcibly().waitFor();
    }
  }

  private static Process startValidator(String name, String guarantee) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = directory.resolve("validator-" + name + "-" + guarantee + ".log");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
        ValidatorProcess.class.getName(), broker.bootstrap(), directory.resolve("state-" + guarantee).toString(),
        APPLICATION_ID + "-" + guarantee, guarantee);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.readString(log).contains("ready")) {
      assertThat(process.isAlive()).as("validator " + name + " alive; its log: " + log).isTrue();
      assertThat(System.nanoTime()).as("validator " + name + " ready in time").isLessThan(deadline);
      Thread.sleep(100);
    }
    return process;
  }

  /** Sends the records at {@code perSecond}, keyed like any producer might (some without a key). */
  private static void send(List<ValidatorReconciliation.Raw> records, int perSecond) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
        new ByteArraySerializer())) {
      long start = System.nanoTime();
      for (int i = 0; i < records.size(); i++) {
        long due = start + i * 1_000_000_000L / perSecond;
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
        producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_RAW.name(), i % 3 == 0 ? null : "key-" + i,
            records.get(i).json())).get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not send the raw records", e);
    }
  }

  private static int expectedTransactions(List<ValidatorReconciliation.Raw> records) {
    return (int) records.stream().filter(record -> record.expected() == null).count();
  }

  private static Map<RejectReason, Long> expectedReasons(List<ValidatorReconciliation.Raw> records) {
    Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
    records.stream().filter(record -> record.expected() != null)
        .forEach(record -> reasons.merge(record.expected(), 1L, Long::sum));
    return reasons;
  }

  private static Map<RejectReason, Long> reasons(Map<String, List<RejectedRecord>> byRawRecord) {
    Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
    byRawRecord.values().forEach(copies -> reasons.merge(copies.get(0).getReason(), 1L, Long::sum));
    return reasons;
  }

  /** A copy written again by the first stage has its own ingest time; everything else is the same. */
  private static Transaction withoutIngestTime(Transaction transaction) {
    return Transaction.newBuilder(transaction).setIngestTime(Instant.EPOCH).build();
  }
}
