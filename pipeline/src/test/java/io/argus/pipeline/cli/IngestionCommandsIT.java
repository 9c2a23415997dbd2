package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.embedded.TopicReader;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code argus ingest}, {@code simulate} and {@code bench validate} against one embedded broker. */
class IngestionCommandsIT {

  @TempDir
  static Path directory;

  private static EmbeddedKafkaBroker broker;
  private static Path keyFile;

  @BeforeAll
  static void startBroker() throws IOException {
    broker = EmbeddedKafkaBroker.start(0, directory.resolve("kafka"));
    keyFile = Files.writeString(directory.resolve("token.key"), "a2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleS1rZXk=");
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldIngestAFileReconcilingEveryLine() throws IOException {
    Path file = directory.resolve("handbook.csv");
    assertThat(CommandRun.of("simulate", "--out", file.toString(), "--days", "3", "--customers", "100",
        "--terminals", "200", "--id-prefix", "file-").exitCode()).isZero();
    long rows = Files.readAllLines(file).size() - 1;
    Files.writeString(file, "file-bad,2018-04-04 10:00:00,7,7,-3.00,0,0,0,0\n", StandardOpenOption.APPEND);

    CommandRun run = CommandRun.of("ingest", "--bootstrap", broker.bootstrap(), "--token-key-file",
        keyFile.toString(), file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.lastLine());
    assertThat(summary.get("read").asLong()).isEqualTo(rows + 1);
    assertThat(summary.get("validated").asLong()).isEqualTo(rows);
    assertThat(summary.get("rejected_by_reason").get("NEGATIVE_AMOUNT").asLong()).isEqualTo(1);
    assertThat(summary.get("acknowledged").asLong()).isEqualTo(rows + 1);
    assertThat(summary.get("labels").asLong()).isEqualTo(rows);
    assertThat(run.out()).contains("read = validated + rejected = acknowledged by Kafka");
    assertThat(read(Topics.TRANSACTIONS, transaction -> transaction.getTransactionId().startsWith("file-"), rows))
        .hasSize((int) rows);
    assertThat(read(Topics.FRAUD_LABELS, label -> label.getTransactionId().startsWith("file-"), rows))
        .hasSize((int) rows);
    List<RejectedRecord> rejected = read(Topics.TRANSACTIONS_DLQ, rejection -> rejection.getSourceTopic()
        .equals("file:handbook.csv"), 1);
    assertThat(rejected).singleElement().satisfies(rejection -> {
      assertThat(rejection.getReason()).isEqualTo(RejectReason.NEGATIVE_AMOUNT);
      assertThat(rejection.getSourceOffset()).isEqualTo(rows + 2);
      assertThat(StandardCharsets.UTF_8.decode(rejection.getOriginalBytes()).toString()).startsWith("file-bad,");
    });
  }

  @Test
  void shouldSimulateValidatedTransactionsAndLabelsToKafka() throws IOException {
    CommandRun run = CommandRun.of("simulate", "--bootstrap", broker.bootstrap(), "--token-key-file",
        keyFile.toString(), "--count", "300", "--customers", "200", "--terminals", "400", "--id-prefix", "sim-");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(new ObjectMapper().readTree(run.lastLine()).get("transactions").asLong()).isEqualTo(300);
    assertThat(read(Topics.TRANSACTIONS, transaction -> transaction.getTransactionId().startsWith("sim-"), 300))
        .hasSize(300);
    assertThat(read(Topics.FRAUD_LABELS, label -> label.getTransactionId().startsWith("sim-"), 300)).hasSize(300);
  }

  @Test
  void shouldSimulatePublicJsonToTheRawTopic() {
    CommandRun run = CommandRun.of("simulate", "--bootstrap", broker.bootstrap(), "--token-key-file",
        keyFile.toString(), "--raw", "--count", "50", "--customers", "200", "--terminals", "400", "--id-prefix",
        "raw-");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(read(Topics.TRANSACTIONS_RAW, json -> new String(json, StandardCharsets.UTF_8)
        .contains("\"transaction_id\":\"raw-"), 50)).hasSize(50);
  }

  @Test
  void shouldBenchmarkTheValidatorAndEndWithOneJsonLine() throws IOException {
    CommandRun run = CommandRun.of("bench", "validate", "--bootstrap", broker.bootstrap(), "--records", "400",
        "--runs", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode figures = new ObjectMapper().readTree(run.lastLine());
    assertThat(figures.get("records").asInt()).isEqualTo(400);
    assertThat(figures.get("function_records_per_s").asDouble()).isPositive();
    assertThat(figures.get("topology_end_to_end_records_per_s").asDouble()).isPositive();
    assertThat(run.out()).contains("validation function alone", "ratio topology / function");
  }

  /** The values of {@code topic} that match, read until {@code expected} of them have come or 30 s have passed. */
  private static <V> List<V> read(Topic<String, V> topic, Predicate<V> matching, long expected) {
    return TopicReader.read(broker.bootstrap(), topic, record -> matching.test(record.value()), (int) expected,
        Duration.ofSeconds(30), Duration.ofMillis(500)).stream().map(ConsumerRecord::value).toList();
  }
}
