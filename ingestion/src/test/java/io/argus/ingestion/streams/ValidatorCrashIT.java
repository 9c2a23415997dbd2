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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator's guarantee across a crash: it runs in a child JVM that is killed ({@code SIGKILL}: no close, no
 * commit; the first stage's records since its last commit are written again after the restart, the second stage's
 * open transaction is aborted) while raw records flow, then is started again on the same state directory. Read
 * committed, every raw record ends in exactly one of {@code transactions} and {@code transactions-dlq}: no
 * transaction twice, no raw record missing or counted twice, every reason as sent.
 */
class ValidatorCrashIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final String APPLICATION_ID = "validator-crash";

  @TempDir
  static Path directory;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(0, directory.resolve("kafka"));
    TopicAdmin.createAll(broker.bootstrap());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldPutEveryRawRecordInExactlyOneOutputAcrossAnAbruptKill() throws Exception {
    List<ValidatorReconciliation.Raw> records = ValidatorReconciliation.records();
    CompletableFuture<Void> load = CompletableFuture.runAsync(() -> send(records, 500));

    Process first = startValidator("first");
    List<?> before = TopicReader.readAll(broker.bootstrap(), Topics.TRANSACTIONS, 1_000, TIMEOUT, Duration.ZERO);
    assertThat(before).as("transactions published before the kill").hasSizeGreaterThanOrEqualTo(1_000);
    first.destroyForcibly().waitFor();
    Process second = startValidator("second");
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
      assertThat(transactions.size() + rejections.size()).as("validated + dead-lettered").isEqualTo(records.size());
      assertThat(counts(transactions, record -> record.value().getTransactionId()).values()).as("per transaction")
          .containsOnly(1L);
      assertThat(counts(rejections, record -> record.value().getSourcePartition() + "/"
          + record.value().getSourceOffset()).values()).as("per raw record").containsOnly(1L);
      assertThat(reasons(rejections)).isEqualTo(expectedReasons(records));
    } finally {
      second.destroyForcibly().waitFor();
    }
  }

  private static Process startValidator(String name) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = directory.resolve("validator-" + name + ".log");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
        ValidatorProcess.class.getName(), broker.bootstrap(), directory.resolve("validator-state").toString(),
        APPLICATION_ID);
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

  private static Map<RejectReason, Long> reasons(List<ConsumerRecord<String, RejectedRecord>> rejections) {
    Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
    rejections.forEach(record -> reasons.merge(record.value().getReason(), 1L, Long::sum));
    return reasons;
  }

  private static <V> Map<String, Long> counts(List<ConsumerRecord<String, V>> records,
      Function<ConsumerRecord<String, V>, String> key) {
    return records.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
