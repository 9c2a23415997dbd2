package io.argus.ingestion.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.avro.FraudLabel;
import io.argus.avro.RejectReason;
import io.argus.avro.Transaction;
import io.argus.ingestion.handbook.CustomerCards;
import io.argus.ingestion.handbook.HandbookCsv;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.tokenize.TestKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionFilesTest {

  private static final Duration WEEK = Duration.ofDays(7);
  private static final CardTokenizer TOKENIZER = TestKeys.tokenizer();
  private static final String HEADER = HandbookCsv.header();
  private static final String LEGITIMATE_ROW = "0,2018-04-01 00:00:31,596,3156,57.16,31,0,0,0";
  private static final String FRAUD_ROW = "1,2018-04-01 00:02:10,4961,3412,146.00,130,0,1,3";

  @TempDir
  Path directory;

  @Test
  void shouldReadHandbookRowsKeepingIdsAndDerivingTheCustomersCard() throws IOException {
    List<FileRecord> records = readAll(write("handbook.csv", HEADER, LEGITIMATE_ROW, FRAUD_ROW));

    assertThat(records).hasSize(2).allMatch(FileRecord::isAccepted);
    Transaction first = records.get(0).transaction();
    assertThat(first.getTransactionId()).isEqualTo("0");
    assertThat(first.getCustomerId()).isEqualTo("596");
    assertThat(first.getTerminalId()).isEqualTo("3156");
    assertThat(first.getEventTime()).isEqualTo(Instant.parse("2018-04-01T00:00:31Z"));
    assertThat(first.getAmountMinor()).isEqualTo(5716);
    assertThat(first.getCurrency()).isEqualTo("EUR");
    assertThat(first.getCardToken()).isEqualTo(TOKENIZER.token(CustomerCards.cardNumber("596")));
    assertThat(records.get(1).transaction().getAmountMinor()).isEqualTo(14600);
  }

  @Test
  void shouldLabelEveryRowReportedAfterTheDelay() throws IOException {
    List<FileRecord> records = readAll(write("handbook.csv", HEADER, LEGITIMATE_ROW, FRAUD_ROW));

    FraudLabel legitimate = records.get(0).label();
    FraudLabel fraud = records.get(1).label();
    assertThat(legitimate.getFraud()).isFalse();
    assertThat(legitimate.getTransactionId()).isEqualTo("0");
    assertThat(legitimate.getCardToken()).isEqualTo(records.get(0).transaction().getCardToken());
    assertThat(fraud.getFraud()).isTrue();
    assertThat(fraud.getScenario()).isEqualTo(3);
    assertThat(fraud.getTransactionTime()).isEqualTo(Instant.parse("2018-04-01T00:02:10Z"));
    assertThat(fraud.getReportedAt()).isEqualTo(Instant.parse("2018-04-08T00:02:10Z"));
  }

  @Test
  void shouldAcceptAndLabelTheHandbooksZeroAmountRows() throws IOException {
    List<FileRecord> records = readAll(write("handbook.csv", HEADER, LEGITIMATE_ROW,
        "7,2018-04-01 00:03:00,596,3156,0.00,180,0,0,0", "8,2018-04-01 00:04:00,596,3156,0.0,240,0,1,1"));

    assertThat(records).hasSize(3).allMatch(FileRecord::isAccepted);
    assertThat(records).extracting(record -> record.transaction().getAmountMinor()).containsExactly(5716L, 0L, 0L);
    assertThat(records.get(1).label().getFraud()).isFalse();
    assertThat(records.get(2).label().getFraud()).isTrue();
  }

  @Test
  void shouldReadColumnsInAnyOrderAndWithoutLabels() throws IOException {
    Path file = write("plain.csv", "TX_AMOUNT,TERMINAL_ID,CUSTOMER_ID,TX_DATETIME,TRANSACTION_ID",
        "12.5,t-1,c-1,2018-04-01 10:00:00,a-1");

    FileRecord record = readAll(file).get(0);

    assertThat(record.transaction().getTransactionId()).isEqualTo("a-1");
    assertThat(record.transaction().getAmountMinor()).isEqualTo(1250);
    assertThat(record.label()).isNull();
  }

  @Test
  void shouldReadAGzippedFileLikeThePlainOne() throws IOException {
    Path plain = write("handbook.csv", HEADER, LEGITIMATE_ROW, FRAUD_ROW);
    Path gzipped = directory.resolve("handbook.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
      out.write(Files.readAllBytes(plain));
    }

    assertThat(readAll(gzipped)).extracting(FileRecord::transaction)
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("ingestTime")
        .isEqualTo(readAll(plain).stream().map(FileRecord::transaction).toList());
  }

  @Test
  void shouldRejectBadRowsWithReasonAndLineNumberAndReadOn() throws IOException {
    Path file = write("mixed.csv", HEADER,
        LEGITIMATE_ROW,
        "1,2018-04-01 00:00:32,596,3156,-4.00,32,0,0,0",
        "2,2018-04-01 00:00:33,596,3156,12.00",
        "3,01/04/2018 00:00,596,3156,12.00,34,0,0,0",
        "4,2018-04-01 00:00:35,596,3156,12.00,35,0,yes,0",
        "",
        "5,2018-04-01 00:00:36,596,3156,12.00,36,0,0,0");

    List<FileRecord> records = readAll(file);

    assertThat(records).hasSize(6);
    assertThat(records).filteredOn(FileRecord::isAccepted).extracting(r -> r.transaction().getTransactionId())
        .containsExactly("0", "5");
    assertRejection(records.get(1), RejectReason.NEGATIVE_AMOUNT, 3, "1,2018-04-01 00:00:32,596,3156,-4.00,32,0,0,0");
    assertRejection(records.get(2), RejectReason.MISSING_FIELD, 4, "2,2018-04-01 00:00:33,596,3156,12.00");
    assertRejection(records.get(3), RejectReason.INVALID_FIELD, 5, "3,01/04/2018 00:00,596,3156,12.00,34,0,0,0");
    assertRejection(records.get(4), RejectReason.INVALID_FIELD, 6, "4,2018-04-01 00:00:35,596,3156,12.00,35,0,yes,0");
    assertThat(records.get(4).rejection().getDetail()).contains("TX_FRAUD");
    assertThat(records.get(5).rejection()).isNull();
  }

  @Test
  void shouldReadJsonLinesWithOptionalLabels() throws IOException {
    Path file = write("transactions.jsonl",
        "{\"transaction_id\": \"t-1\", \"event_time\": \"2026-01-05T10:00:00Z\", \"card_number\": \"4111111111111111\","
            + " \"customer_id\": \"c-1\", \"terminal_id\": \"term-1\", \"amount\": 5, \"currency\": \"JPY\","
            + " \"fraud\": true, \"fraud_scenario\": 4}",
        "{\"transaction_id\": \"t-2\", \"event_time\": 1767607200000, \"card_number\": \"4111111111111111\","
            + " \"customer_id\": \"c-1\", \"terminal_id\": \"term-1\", \"amount\": \"5.10\", \"currency\": \"EUR\"}",
        "not json 4111111111111111",
        "{\"transaction_id\": \"t-3\", \"event_time\": 1767607200000, \"card_number\": \"4111111111111111\","
            + " \"customer_id\": \"c-1\", \"terminal_id\": \"term-1\", \"amount\": \"5.10\", \"currency\": \"EUR\","
            + " \"fraud\": \"maybe\"}");

    List<FileRecord> records = readAll(file);

    assertThat(records.get(0).transaction().getAmountMinor()).isEqualTo(5);
    assertThat(records.get(0).label().getFraud()).isTrue();
    assertThat(records.get(0).label().getScenario()).isEqualTo(4);
    assertThat(records.get(1).transaction().getTransactionId()).isEqualTo("t-2");
    assertThat(records.get(1).label()).isNull();
    assertRejection(records.get(2), RejectReason.NOT_JSON, 3, "not json 411111******1111");
    assertThat(records.get(3).rejection().getReason()).isEqualTo(RejectReason.INVALID_FIELD);
    assertThat(records.get(3).rejection().getDetail()).contains("fraud: expected");
  }

  @Test
  void shouldRejectAnOversizedJsonLineWithoutHoldingItWhole() throws IOException {
    Path file = write("big.jsonl", "{\"transaction_id\": \"" + "x".repeat(100_000) + "\"}");

    FileRecord record = readAll(file).get(0);

    assertThat(record.rejection().getReason()).isEqualTo(RejectReason.RECORD_TOO_LARGE);
    assertThat(record.rejection().getDetail()).contains("100,");
    assertThat(record.rejection().getOriginalBytes().remaining()).isLessThanOrEqualTo(16_385);
  }

  @Test
  void shouldStreamTheFileAndTellHowMuchIsRead() throws IOException {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (int i = 0; i < 10_000; i++) {
      lines.add(i + LEGITIMATE_ROW.substring(1));
    }
    Path file = write("large.csv", lines.toArray(String[]::new));

    try (TransactionFileReader reader = TransactionFiles.open(file, TOKENIZER, WEEK)) {
      reader.next();
      assertThat(reader.totalBytes()).isEqualTo(Files.size(file));
      assertThat(reader.bytesRead()).isPositive().isLessThan(reader.totalBytes());
      long count = 1;
      while (reader.hasNext()) {
        reader.next();
        count++;
      }
      assertThat(count).isEqualTo(10_000);
      assertThat(reader.bytesRead()).isEqualTo(reader.totalBytes());
    }
  }

  @Test
  void shouldRefuseAFileWithoutTheRequiredColumns() throws IOException {
    Path file = write("wrong.csv", "id,when,amount", "1,2018-04-01,3");

    assertThatThrownBy(() -> TransactionFiles.open(file, TOKENIZER, WEEK)).isInstanceOf(FileFormatException.class)
        .hasMessageContaining("wrong.csv").hasMessageContaining("TRANSACTION_ID");
  }

  @Test
  void shouldRefuseEmptyAndMissingFiles() throws IOException {
    Path empty = write("empty.csv", "", "  ");

    assertThatThrownBy(() -> TransactionFiles.open(empty, TOKENIZER, WEEK)).isInstanceOf(FileFormatException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> TransactionFiles.open(directory.resolve("absent.csv"), TOKENIZER, WEEK))
        .isInstanceOf(FileFormatException.class).hasMessageContaining("no such file");
  }

  private static void assertRejection(FileRecord record, RejectReason reason, long line, String originalBytes) {
    assertThat(record.rejection().getReason()).as(record.rejection().getDetail()).isEqualTo(reason);
    assertThat(record.rejection().getSourceOffset()).isEqualTo(line);
    assertThat(record.rejection().getSourceTopic()).startsWith("file:");
    assertThat(StandardCharsets.UTF_8.decode(record.rejection().getOriginalBytes()).toString())
        .isEqualTo(originalBytes);
  }

  private List<FileRecord> readAll(Path file) throws IOException {
    List<FileRecord> records = new ArrayList<>();
    try (TransactionFileReader reader = TransactionFiles.open(file, TOKENIZER, WEEK)) {
      reader.forEachRemaining(records::add);
    }
    return records;
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.write(directory.resolve(name), List.of(lines), StandardCharsets.UTF_8);
  }
}
