package io.argus.ingestion.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.ingestion.file.FileRecord;
import io.argus.ingestion.file.TransactionFileReader;
import io.argus.ingestion.file.TransactionFiles;
import io.argus.ingestion.tokenize.TestKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandbookCsvWriterTest {

  @TempDir
  Path directory;

  @Test
  void shouldWriteASimulationThatFileIngestReadsBackIdentically() throws IOException {
    List<SimulatedTransaction> simulated = SimulatorTest.generate(
        SimulatorConfig.DEFAULTS.withPopulation(100, 200).withDays(40));
    Path file = directory.resolve("simulated.csv.gz");
    try (HandbookCsvWriter writer = HandbookCsvWriter.create(file)) {
      for (SimulatedTransaction transaction : simulated) {
        writer.write(transaction);
      }
    }

    List<FileRecord> read = new ArrayList<>();
    try (TransactionFileReader reader = TransactionFiles.open(file, TestKeys.tokenizer(), Duration.ofDays(7))) {
      reader.forEachRemaining(read::add);
    }

    assertThat(read).hasSameSizeAs(simulated).allMatch(FileRecord::isAccepted);
    for (int i = 0; i < simulated.size(); i++) {
      SimulatedTransaction expected = simulated.get(i);
      FileRecord record = read.get(i);
      assertThat(record.transaction().getTransactionId()).isEqualTo(expected.transactionId());
      assertThat(record.transaction().getEventTime()).isEqualTo(expected.time());
      assertThat(record.transaction().getAmountMinor()).isEqualTo(expected.amountCents());
      assertThat(record.transaction().getCardToken()).isEqualTo(TestKeys.tokenizer().token(expected.cardNumber()));
      assertThat(record.label().getFraud()).isEqualTo(expected.fraud());
      assertThat(record.label().getScenario()).isEqualTo(expected.scenario().number());
    }
  }
}
