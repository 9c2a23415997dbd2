package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.Transaction;
import io.argus.features.FraudV1;
import io.argus.features.compute.ReferenceFeatures;
import io.argus.ingestion.file.FileRecord;
import io.argus.ingestion.file.TransactionFileReader;
import io.argus.ingestion.file.TransactionFiles;
import io.argus.ingestion.handbook.HandbookCsv;
import io.argus.ingestion.simulate.HandbookCsvWriter;
import io.argus.ingestion.simulate.Simulator;
import io.argus.ingestion.simulate.SimulatorConfig;
import io.argus.ingestion.tokenize.CardTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The brute-force baseline of {@code argus bench features} counts zero amounts as the handbook does, knows which rows
 * a zero amount touches, and agrees with the feature store's reference path on every row of a simulated handbook file
 * with zero amounts in it, the rows after them included.
 */
class HandbookBaselinesTest {

  private static final int ZERO_EVERY = 40;

  @TempDir
  Path directory;

  @Test
  void shouldCountAZeroAmountInTheCustomerAndTerminalWindowsAfterIt() throws IOException {
    Path file = directory.resolve("handbook.csv");
    Files.write(file, List.of(HandbookCsv.header(),
        "0,2018-04-02 10:00:00,1,7,30.00,0,0,0,0",
        "1,2018-04-02 11:00:00,1,7,0.00,0,0,1,2",
        "2,2018-04-03 09:00:00,1,8,60.00,0,0,0,0",
        "3,2018-04-10 10:30:00,2,7,10.00,0,0,0,0"));

    HandbookBaselines baselines = HandbookBaselines.read(file);

    assertThat(baselines.zeroAmountRows()).isOne();
    assertThat(baselines.expected(1)).containsEntry(FraudV1.TX_AMOUNT, 0.0)
        .containsEntry(FraudV1.customerCount(1), 2.0).containsEntry(FraudV1.customerAverageAmount(1), 15.0);
    assertThat(baselines.expected(2)).containsEntry(FraudV1.customerCount(1), 3.0)
        .containsEntry(FraudV1.customerAverageAmount(1), 30.0);
    // terminal 7 one day before the delay, (04-02 10:30, 04-03 10:30]: only the zero-amount fraud
    assertThat(baselines.expected(3)).containsEntry(FraudV1.terminalCount(1), 1.0)
        .containsEntry(FraudV1.terminalRisk(1), 1.0).containsEntry(FraudV1.terminalCount(30), 2.0)
        .containsEntry(FraudV1.terminalRisk(30), 0.5);
    assertThat(List.of(0, 1, 2, 3)).map(baselines::touchedByZeroAmount).containsExactly(false, true, true, true);
    assertThat(baselines.row("3")).isEqualTo(3);
    assertThat(baselines.row("missing")).isEqualTo(-1);
  }

  @Test
  void shouldOrderACustomersRowsOfOneSecondByIdWhateverTheFileOrder() throws IOException {
    Path file = directory.resolve("handbook.csv");
    Files.write(file, List.of(HandbookCsv.header(),
        "11,2018-04-02 10:00:00,1,7,30.00,0,0,0,0",
        "10,2018-04-02 10:00:00,1,7,20.00,0,0,0,0",
        "12,2018-04-02 10:00:01,1,7,0.00,0,0,0,0"));

    HandbookBaselines baselines = HandbookBaselines.read(file);

    assertThat(baselines.expected(baselines.row("10"))).containsEntry(FraudV1.customerCount(1), 1.0)
        .containsEntry(FraudV1.customerAverageAmount(1), 20.0);
    assertThat(baselines.expected(baselines.row("11"))).containsEntry(FraudV1.customerCount(1), 2.0)
        .containsEntry(FraudV1.customerAverageAmount(1), 25.0);
    assertThat(baselines.expected(baselines.row("12"))).containsEntry(FraudV1.customerCount(1), 3.0);
  }

  @Test
  void shouldAgreeWithTheReferencePathOnEveryRowOfAFileWithZeroAmounts() throws IOException {
    Path file = simulatedFileWithZeroAmounts();
    List<Transaction> transactions = new ArrayList<>();
    List<FraudLabel> labels = new ArrayList<>();
    try (TransactionFileReader reader = TransactionFiles.open(file, CardTokenizer.throwaway(), FraudV1.LABEL_DELAY)) {
      while (reader.hasNext()) {
        FileRecord record = reader.next();
        assertThat(record.isAccepted()).as("%s", record.rejection()).isTrue();
        transactions.add(record.transaction());
        labels.add(record.label());
      }
    }
    HandbookBaselines baselines = HandbookBaselines.read(file);

    List<FeatureVector> vectors = ReferenceFeatures.compute(transactions, labels);

    int touched = 0;
    List<String> mismatches = new ArrayList<>();
    for (FeatureVector vector : vectors) {
      int row = baselines.row(vector.getTransactionId().toString());
      touched += baselines.touchedByZeroAmount(row) ? 1 : 0;
      for (Map.Entry<String, Double> feature : baselines.expected(row).entrySet()) {
        double actual = vector.getValues().get(FraudV1.FEATURE_SET.indexOf(feature.getKey()));
        if (Math.abs(actual - feature.getValue()) > 1e-9 * Math.max(1, Math.abs(feature.getValue()))) {
          mismatches.add(vector.getTransactionId() + " " + feature.getKey() + ": " + actual + " against "
              + feature.getValue());
        }
      }
    }
    assertThat(vectors).hasSize(baselines.rows());
    assertThat(baselines.zeroAmountRows()).isGreaterThanOrEqualTo(baselines.rows() / ZERO_EVERY);
    assertThat(touched).as("rows a zero amount touches").isGreaterThan(10 * (int) baselines.zeroAmountRows());
    assertThat(mismatches).isEmpty();
  }

  /** 45 days of 150 cards, every {@value #ZERO_EVERY}th amount set to 0.00. */
  private Path simulatedFileWithZeroAmounts() throws IOException {
    Path simulated = directory.resolve("simulated.csv");
    Simulator simulator = Simulator.create(SimulatorConfig.DEFAULTS.withPopulation(150, 300).withDays(45));
    try (HandbookCsvWriter writer = HandbookCsvWriter.create(simulated)) {
      while (simulator.hasNext()) {
        writer.write(simulator.next());
      }
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(simulated));
    int amount = HandbookCsv.COLUMNS.indexOf(HandbookCsv.TX_AMOUNT);
    for (int i = 1; i < lines.size(); i += ZERO_EVERY) {
      String[] row = lines.get(i).split(",");
      row[amount] = "0.00";
      lines.set(i, String.join(",", row));
    }
    Path file = directory.resolve("with-zeros.csv");
    Files.write(file, lines);
    return file;
  }
}
