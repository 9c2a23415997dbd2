package io.argus.features.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.Transaction;
import io.argus.features.SyntheticHistory;
import io.argus.features.compute.ReferenceFeatures;
import io.argus.features.offline.OfflineLayout;
import io.argus.features.offline.OfflineStore;
import io.argus.ingestion.file.FileRecord;
import io.argus.ingestion.file.TransactionFileReader;
import io.argus.ingestion.file.TransactionFiles;
import io.argus.ingestion.tokenize.CardTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming path (the Flink job on a MiniCluster, parallelism 2, reading a handbook-style file whose rows are
 * shuffled within runs) against the offline reference path over the same records, value for value.
 */
class FeatureJobParityIT {

  private static final DateTimeFormatter HANDBOOK_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  Path directory;

  @Test
  void shouldComputeTheSameValuesAsTheReferencePathWhateverTheArrivalOrder() throws Exception {
    Path file = handbookFile(SyntheticHistory.generate(7, 40, 20, 50));
    Path key = directory.resolve("token.key");
    byte[] keyBytes = new byte[32];
    new Random(3).nextBytes(keyBytes);
    Files.writeString(key, Base64.getEncoder().encodeToString(keyBytes));
    List<Transaction> transactions = new ArrayList<>();
    List<FraudLabel> labels = new ArrayList<>();
    try (TransactionFileReader reader = TransactionFiles.open(file, CardTokenizer.fromKeyFile(key),
        Duration.ofDays(7))) {
      reader.forEachRemaining((FileRecord record) -> {
        transactions.add(record.transaction());
        labels.add(record.label());
      });
    }
    Map<String, FeatureVector> expected = ReferenceFeatures.compute(transactions, labels).stream()
        .collect(Collectors.toMap(vector -> vector.getTransactionId().toString(), Function.identity()));

    Path offline = directory.resolve("offline");
    FeatureJobConfig config = FeatureJobConfig.from(Map.of("out-of-orderness", "1d", "idle-timeout", "1min",
        "checkpoint-interval", "500ms", "parallelism", "2"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FeatureJob.config(new Configuration(), config));
    FeatureJob.build(env,
        new FeatureJob.Sources(FileRecordSource.transactions(file, key, Duration.ofDays(7), "parity"), "file",
            FileRecordSource.labels(file, key, Duration.ofDays(7)), "file"),
        new FeatureJob.Sinks(null, OfflineSinks.features(offline.toString()), OfflineSinks.labels(offline.toString()),
            OfflineSinks.rejected(offline.toString())), config);
    env.execute("parity");

    OfflineStore store = OfflineStore.at(offline);
    List<FeatureVector> streamed = new ArrayList<>();
    store.features(LocalDate.MIN, LocalDate.MAX, streamed::add);
    List<FraudLabel> storedLabels = new ArrayList<>();
    store.labels(LocalDate.MIN, LocalDate.MAX, storedLabels::add);

    assertThat(store.dates(OfflineLayout.REJECTED)).as("nothing late or rejected").isEmpty();
    assertThat(streamed).extracting(vector -> vector.getTransactionId().toString()).doesNotHaveDuplicates()
        .hasSameSizeAs(transactions);
    assertThat(storedLabels).hasSameSizeAs(labels);
    for (FeatureVector vector : streamed) {
      FeatureVector reference = expected.get(vector.getTransactionId().toString());
      assertThat(vector.getValues()).as("values of %s", vector.getTransactionId()).isEqualTo(reference.getValues());
      assertThat(vector.getSequence()).as("sequence of %s", vector.getTransactionId())
          .isEqualTo(reference.getSequence());
    }
  }

  /** The history as a handbook CSV, rows shuffled within runs of 20 (about 8 hours of
   * event time, inside the job's one-day bound on out-of-orderness). */
  private Path handbookFile(SyntheticHistory history) throws Exception {
    Map<String, Boolean> fraud = new HashMap<>();
    history.labels().forEach(label -> fraud.put(label.getTransactionId().toString(), label.getFraud()));
    List<String> rows = new ArrayList<>();
    for (Transaction transaction : history.transactions()) {
      rows.add(String.format(Locale.ROOT, "%s,%s,%s,%s,%.2f,0,0,%d,0", transaction.getTransactionId(),
          HANDBOOK_TIME.format(transaction.getEventTime()), transaction.getCustomerId(),
          transaction.getTerminalId(), transaction.getAmountMinor() / 100.0,
          fraud.get(transaction.getTransactionId().toString()) ? 1 : 0));
    }
    Random random = new Random(1);
    List<String> shuffled = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += 20) {
      List<String> run = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + 20)));
      Collections.shuffle(run, random);
      shuffled.addAll(run);
    }
    shuffled.add(0, "TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,TX_TIME_DAYS,"
        + "TX_FRAUD,TX_FRAUD_SCENARIO");
    Path file = directory.resolve("transactions.csv");
    Files.write(file, shuffled);
    return file;
  }
}
