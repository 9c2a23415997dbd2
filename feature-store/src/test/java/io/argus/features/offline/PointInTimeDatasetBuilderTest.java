package io.argus.features.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.Transaction;
import io.argus.features.Fixtures;
import io.argus.features.compute.ReferenceFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointInTimeDatasetBuilderTest {

  /** Validation 07-18..07-24, train 07-25..07-31, delay 08-01..08-07, test 08-08..08-14. */
  private static final EvaluationProtocol PROTOCOL = EvaluationProtocol.handbook();

  @TempDir
  Path root;

  private final List<Transaction> transactions = new ArrayList<>();
  private final List<FraudLabel> labels = new ArrayList<>();
  private int nextId;

  private static Instant noon(LocalDate day) {
    return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
  }

  private Transaction pay(String customer, Instant at) {
    Transaction transaction = Fixtures.tx(Integer.toString(nextId++), customer, "term-1", 10, at);
    transactions.add(transaction);
    labels.add(Fixtures.label(transaction, false, at.plus(Duration.ofDays(7))));
    return transaction;
  }

  private void fraud(String customer, Instant at, Instant reportedAt) {
    Transaction transaction = Fixtures.tx(Integer.toString(nextId++), customer, "term-1", 10, at);
    transactions.add(transaction);
    labels.add(Fixtures.label(transaction, true, reportedAt));
  }

  private DatasetSplit build() throws IOException {
    for (FeatureVector vector : ReferenceFeatures.compute(transactions, List.of())) {
      write(OfflineLayout.FEATURES, vector.getEventTime(), vector);
    }
    for (FraudLabel label : labels) {
      write(OfflineLayout.LABELS, label.getTransactionTime(), label);
    }
    return PointInTimeDatasetBuilder.build(OfflineStore.at(root), PROTOCOL);
  }

  @SuppressWarnings("unchecked")
  private <T extends SpecificRecord> void write(String table, Instant time, T record) throws IOException {
    Path partition = Files.createDirectories(root.resolve(table).resolve(OfflineLayout.partition(time)));
    Path file = partition.resolve("part-" + nextId++ + OfflineLayout.FILE_SUFFIX);
    try (DataFileWriter<T> writer = new DataFileWriter<>(new SpecificDatumWriter<>((Class<T>) record.getClass()))) {
      writer.create(record.getSchema(), file.toFile());
      writer.append(record);
    }
  }

  private static List<String> ids(List<LabeledVector> examples) {
    return examples.stream().map(example -> example.vector().getTransactionId().toString()).toList();
  }

  @Test
  void shouldPutEachTransactionInTheWindowOfItsDayAndLeaveOutTheGap() throws IOException {
    Transaction beforeValidation = pay("a", PROTOCOL.validationFrom().atStartOfDay().toInstant(ZoneOffset.UTC)
        .minusSeconds(1));
    Transaction firstValidation = pay("a", PROTOCOL.validationFrom().atStartOfDay().toInstant(ZoneOffset.UTC));
    Transaction firstTrain = pay("a", PROTOCOL.trainFrom().atStartOfDay().toInstant(ZoneOffset.UTC));
    Transaction lastTrain = pay("a", PROTOCOL.trainTo().atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1));
    Transaction inGap = pay("a", PROTOCOL.trainTo().atStartOfDay().toInstant(ZoneOffset.UTC));
    Transaction firstTest = pay("a", PROTOCOL.testFrom().atStartOfDay().toInstant(ZoneOffset.UTC));
    Transaction afterTest = pay("a", PROTOCOL.testTo().atStartOfDay().toInstant(ZoneOffset.UTC));

    DatasetSplit split = build();

    assertThat(ids(split.validation())).containsExactly(firstValidation.getTransactionId());
    assertThat(ids(split.train())).containsExactly(firstTrain.getTransactionId(), lastTrain.getTransactionId());
    assertThat(ids(split.test())).containsExactly(firstTest.getTransactionId());
    assertThat(ids(split.train())).doesNotContain(beforeValidation.getTransactionId(), inGap.getTransactionId(),
        afterTest.getTransactionId());
    assertThat(split.trainWindow()).isEqualTo(PROTOCOL.trainWindow());
  }

  @Test
  void shouldLabelTrainingWithFraudsReportedBeforeTheTestWindowAndTestWithAll() throws IOException {
    Instant testStart = PROTOCOL.testWindow().from();
    fraud("a", noon(PROTOCOL.trainFrom()), testStart.minusSeconds(1));
    fraud("b", noon(PROTOCOL.trainFrom()), testStart);
    fraud("c", noon(PROTOCOL.testFrom()), noon(PROTOCOL.testTo()).plus(Duration.ofDays(7)));
    pay("d", noon(PROTOCOL.testFrom()));

    DatasetSplit split = build();

    assertThat(split.train()).extracting(LabeledVector::fraud).containsExactly(true, false);
    assertThat(split.test()).extracting(example -> example.vector().getCustomerId().toString(), LabeledVector::fraud)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("c", true),
            org.assertj.core.groups.Tuple.tuple("d", false));
  }

  @Test
  void shouldDropCustomersKnownToBeCompromisedOnEachTestDay() throws IOException {
    fraud("train-fraud", noon(PROTOCOL.trainFrom()), noon(PROTOCOL.trainFrom()).plus(Duration.ofDays(7)));
    fraud("gap-fraud", noon(PROTOCOL.trainTo().plusDays(1)), noon(PROTOCOL.trainTo().plusDays(8)));
    for (int day = 0; day < PROTOCOL.testDays(); day++) {
      for (String customer : List.of("train-fraud", "gap-fraud", "honest")) {
        pay(customer, noon(PROTOCOL.testFrom().plusDays(day)));
      }
    }

    DatasetSplit split = build();

    // Test day d adds the frauds of day trainTo + d - 1: the gap fraud (day trainTo + 1) counts from d = 2 on.
    List<String> gapFraudDays = split.test().stream()
        .filter(example -> example.vector().getCustomerId().toString().equals("gap-fraud"))
        .map(example -> LocalDate.ofInstant(example.vector().getEventTime(), ZoneOffset.UTC).toString()).toList();
    assertThat(gapFraudDays).containsExactly(PROTOCOL.testFrom().toString(), PROTOCOL.testFrom().plusDays(1).toString());
    assertThat(split.test()).noneMatch(example -> example.vector().getCustomerId().toString().equals("train-fraud"));
    assertThat(split.test()).filteredOn(example -> example.vector().getCustomerId().toString().equals("honest"))
        .hasSize(PROTOCOL.testDays());
  }
}
