package io.argus.features.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.ServingSkew;
import io.argus.avro.SkewCause;
import io.argus.avro.Transaction;
import io.argus.features.FraudV1;
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
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming path (the Flink job on a MiniCluster, reading a handbook-style file, serving online into a file sink
 * in place of the {@code features} topic) against the offline reference path over the same records, value for value:
 * the offline store always, whatever the arrival order within the bound; the vectors served online when the input
 * arrives in order; and, when it does not, every served vector that differs from the stored one is reported.
 */
class FeatureJobParityIT {

  private static final DateTimeFormatter HANDBOOK_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final List<String> STATIC_NAMES = FraudV1.FEATURE_SET.staticNames();
  private static final List<String> STEP_NAMES = FraudV1.FEATURE_SET.sequenceStepNames();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  Path directory;

  /** What one run of the job left, and what the reference path computes over the same file. */
  private record Run(List<Transaction> transactions, List<FraudLabel> labels, Map<String, FeatureVector> reference,
      List<FeatureVector> stored, List<FeatureVector> served, List<ServingSkew> skew, List<FraudLabel> storedLabels,
      List<LocalDate> rejectedDates, JobExecutionResult result) {

    long count(ServingCount count) {
      Object value = result.getAccumulatorResult(count.metricName());
      return value == null ? 0 : (Long) value;
    }
  }

  @Test
  void shouldStoreTheReferenceValuesAndReportEveryServedVectorThatDiffersWhateverTheArrivalOrder() throws Exception {
    Run run = run(handbookFile(SyntheticHistory.generate(7, 40, 20, 50), true), FraudV1.LABEL_DELAY, 2);

    assertThat(run.rejectedDates()).as("nothing late or rejected").isEmpty();
    assertStoredAsTheReference(run);
    Map<String, FeatureVector> stored = byId(run.stored());
    List<String> differing = new ArrayList<>();
    for (FeatureVector served : run.served()) {
      if (!differingNames(served, stored.get(served.getTransactionId())).isEmpty()) {
        differing.add(served.getTransactionId());
      }
    }
    assertThat(run.skew()).as("the rows arrive shuffled: some are served before earlier ones arrive").isNotEmpty();
    assertThat(run.skew()).extracting(ServingSkew::getTransactionId).as("one skew record per differing vector")
        .containsExactlyInAnyOrderElementsOf(differing);
    Map<String, FeatureVector> served = byId(run.served());
    for (ServingSkew skew : run.skew()) {
      FeatureVector exact = stored.get(skew.getTransactionId());
      FeatureVector servedVector = served.get(skew.getTransactionId());
      assertThat(skew.getFeatures()).as("names of %s", skew.getTransactionId())
          .isEqualTo(differingNames(servedVector, exact));
      assertThat(skew.getServedValues()).isEqualTo(values(servedVector, skew.getFeatures()));
      assertThat(skew.getExactValues()).isEqualTo(values(exact, skew.getFeatures()));
      assertThat(skew.getCauses()).as("causes of %s", skew.getTransactionId()).doesNotContain(SkewCause.OTHER);
    }
    assertThat(run.count(ServingCount.SKEWED)).isEqualTo(run.skew().size());
    assertThat(run.count(ServingCount.SKEW_OTHER)).isZero();
    assertThat(run.count(ServingCount.SKEW_TERMINAL_CORRECTION) + run.count(ServingCount.SKEW_CUSTOMER_OUT_OF_ORDER)
        + run.count(ServingCount.SKEW_CARD_OUT_OF_ORDER)).isGreaterThanOrEqualTo(run.skew().size());
  }

  @Test
  void shouldServeTheReferenceValuesOnlineWhenTheInputArrivesInOrder() throws Exception {
    // One task per stage, rows in time order, labels reported after the last transaction: nothing arrives after a
    // transaction that could change its values.
    Run run = run(handbookFile(SyntheticHistory.generate(5, 30, 20, 40), false), Duration.ofDays(60), 1);

    assertThat(run.rejectedDates()).as("nothing late or rejected").isEmpty();
    assertStoredAsTheReference(run);
    assertThat(run.served()).extracting(FeatureVector::getTransactionId).doesNotHaveDuplicates()
        .hasSameSizeAs(run.transactions());
    for (FeatureVector vector : run.served()) {
      FeatureVector reference = run.reference().get(vector.getTransactionId());
      assertThat(vector.getValues()).as("values of %s", vector.getTransactionId()).isEqualTo(reference.getValues());
      assertThat(vector.getSequence()).as("sequence of %s", vector.getTransactionId())
          .isEqualTo(reference.getSequence());
    }
    assertThat(run.skew()).isEmpty();
    assertThat(run.count(ServingCount.SKEWED)).isZero();
    assertThat(run.count(ServingCount.TERMINAL_CORRECTIONS)).isZero();
  }

  private static void assertStoredAsTheReference(Run run) {
    assertThat(run.stored()).extracting(FeatureVector::getTransactionId).doesNotHaveDuplicates()
        .hasSameSizeAs(run.transactions());
    assertThat(run.storedLabels()).hasSameSizeAs(run.labels());
    for (FeatureVector vector : run.stored()) {
      FeatureVector reference = run.reference().get(vector.getTransactionId());
      assertThat(vector.getValues()).as("values of %s", vector.getTransactionId()).isEqualTo(reference.getValues());
      assertThat(vector.getSequence()).as("sequence of %s", vector.getTransactionId())
          .isEqualTo(reference.getSequence());
    }
    assertThat(run.served()).extracting(FeatureVector::getTransactionId).as("every transaction served once")
        .doesNotHaveDuplicates().hasSameSizeAs(run.transactions());
    assertThat(run.count(ServingCount.SERVED_ONLINE)).isEqualTo(run.transactions().size());
    assertThat(run.count(ServingCount.STORED_EXACT)).isEqualTo(run.transactions().size());
    assertThat(run.count(ServingCount.SERVED_TOO_LATE)).isZero();
    assertThat(run.count(ServingCount.CORRECTED_AFTER_STORED)).isZero();
  }

  /** Runs the job over {@code file}, serving online, at {@code parallelism}. */
  private Run run(Path file, Duration labelDelay, int parallelism) throws Exception {
    Path key = directory.resolve("token.key");
    byte[] keyBytes = new byte[32];
    new Random(3).nextBytes(keyBytes);
    Files.writeString(key, Base64.getEncoder().encodeToString(keyBytes));
    List<Transaction> transactions = new ArrayList<>();
    List<FraudLabel> labels = new ArrayList<>();
    try (TransactionFileReader reader = TransactionFiles.open(file, CardTokenizer.fromKeyFile(key), labelDelay)) {
      reader.forEachRemaining((FileRecord record) -> {
        transactions.add(record.transaction());
        labels.add(record.label());
      });
    }
    Map<String, FeatureVector> reference = byId(ReferenceFeatures.compute(transactions, labels));

    Path offline = directory.resolve("offline");
    Path online = directory.resolve("online");
    FeatureJobConfig config = FeatureJobConfig.from(Map.of("out-of-orderness", "1d", "idle-timeout", "1min",
        "checkpoint-interval", "500ms", "parallelism", Integer.toString(parallelism)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FeatureJob.config(new Configuration(), config));
    FeatureJob.build(env,
        new FeatureJob.Sources(FileRecordSource.transactions(file, key, labelDelay, "parity"), "file",
            FileRecordSource.labels(file, key, labelDelay), "file"),
        new FeatureJob.Sinks(OfflineSinks.features(online.toString()), OfflineSinks.features(offline.toString()),
            OfflineSinks.labels(offline.toString()), OfflineSinks.rejected(offline.toString()),
            OfflineSinks.skew(offline.toString())), config);
    JobExecutionResult result = env.execute("parity");

    OfflineStore store = OfflineStore.at(offline);
    List<FeatureVector> stored = new ArrayList<>();
    store.features(LocalDate.MIN, LocalDate.MAX, stored::add);
    List<FeatureVector> served = new ArrayList<>();
    OfflineStore.at(online).features(LocalDate.MIN, LocalDate.MAX, served::add);
    List<ServingSkew> skew = new ArrayList<>();
    store.skew(LocalDate.MIN, LocalDate.MAX, skew::add);
    List<FraudLabel> storedLabels = new ArrayList<>();
    store.labels(LocalDate.MIN, LocalDate.MAX, storedLabels::add);
    return new Run(transactions, labels, reference, stored, served, skew, storedLabels,
        store.dates(OfflineLayout.REJECTED), result);
  }

  private static Map<String, FeatureVector> byId(List<FeatureVector> vectors) {
    return vectors.stream().collect(Collectors.toMap(FeatureVector::getTransactionId, Function.identity()));
  }

  /** The names of the values that differ: static features by name, then sequence steps as NAME_k (k steps back). */
  private static List<String> differingNames(FeatureVector served, FeatureVector exact) {
    List<String> names = new ArrayList<>();
    for (String name : allNames()) {
      if (Double.compare(value(served, name), value(exact, name)) != 0) {
        names.add(name);
      }
    }
    return names;
  }

  private static List<String> allNames() {
    List<String> names = new ArrayList<>(STATIC_NAMES);
    for (int stepsBack = FraudV1.SEQUENCE_LENGTH - 1; stepsBack >= 0; stepsBack--) {
      for (String step : STEP_NAMES) {
        names.add(step + "_" + stepsBack);
      }
    }
    return names;
  }

  private static List<Double> values(FeatureVector vector, List<String> names) {
    return names.stream().map(name -> value(vector, name)).toList();
  }

  private static double value(FeatureVector vector, String name) {
    int index = STATIC_NAMES.indexOf(name);
    if (index >= 0) {
      return vector.getValues().get(index);
    }
    int separator = name.lastIndexOf('_');
    int stepsBack = Integer.parseInt(name.substring(separator + 1));
    return vector.getSequence().get(FraudV1.SEQUENCE_LENGTH - 1 - stepsBack)
        .get(STEP_NAMES.indexOf(name.substring(0, separator)));
  }

  /**
   * The history as a handbook CSV, in time order or with its rows shuffled within runs of 20 (about 8 hours of
   * event time, inside the job's one-day bound on out-of-orderness).
   */
  private Path handbookFile(SyntheticHistory history, boolean shuffled) throws Exception {
    Map<String, Boolean> fraud = new HashMap<>();
    history.labels().forEach(label -> fraud.put(label.getTransactionId(), label.getFraud()));
    List<String> rows = new ArrayList<>();
    for (Transaction transaction : history.transactions()) {
      rows.add(String.format(Locale.ROOT, "%s,%s,%s,%s,%.2f,0,0,%d,0", transaction.getTransactionId(),
          HANDBOOK_TIME.format(transaction.getEventTime()), transaction.getCustomerId(),
          transaction.getTerminalId(), transaction.getAmountMinor() / 100.0,
          fraud.get(transaction.getTransactionId()) ? 1 : 0));
    }
    Random random = new Random(1);
    List<String> ordered = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += 20) {
      List<String> run = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + 20)));
      if (shuffled) {
        Collections.shuffle(run, random);
      }
      ordered.addAll(run);
    }
    ordered.add(0, "TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,TX_TIME_DAYS,"
        + "TX_FRAUD,TX_FRAUD_SCENARIO");
    Path file = directory.resolve(shuffled ? "shuffled.csv" : "in-order.csv");
    Files.write(file, ordered);
    return file;
  }
}
