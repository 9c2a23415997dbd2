package io.argus.forecaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.common.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesCsvTest {

  private static final Duration ONE_HOUR = Duration.ofHours(1);

  @TempDir
  Path directory;

  @Test
  void shouldReadOnePointPerRowInTimeOrder() throws IOException {
    Path file = csv("series.csv", """
        day,visits,note
        2024-01-01T00:00:00Z,12.5,"a, quoted note"
        2024-01-02T00:00:00Z,13,
        2024-01-03T00:00:00Z,-1e1,x
        """);

    SeriesCsv.Series series = SeriesCsv.read(file, "day", "visits", null, ProgressListener.SILENT);

    assertThat(series.values()).containsExactly(12.5, 13, -10);
    assertThat(series.start()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(series.step()).isNull();
  }

  @Test
  void shouldCountEventsPerHourFromAGzipFileWithEmptyHoursAsZero() throws IOException {
    Path file = gzip("events.csv.gz", """
        TRANSACTION_ID,TX_DATETIME,TX_AMOUNT
        1,2018-04-01 00:00:31,10.00
        2,2018-04-01 00:59:59,5.50
        3,2018-04-01 02:10:00,7.25
        4,2018-04-01 01:00:00,1.00
        """);

    SeriesCsv.Series counts = SeriesCsv.read(file, "TX_DATETIME", null, ONE_HOUR, ProgressListener.SILENT);
    SeriesCsv.Series amounts = SeriesCsv.read(file, "TX_DATETIME", "TX_AMOUNT", ONE_HOUR, ProgressListener.SILENT);

    assertThat(counts.values()).containsExactly(2, 1, 1);
    assertThat(amounts.values()).containsExactly(15.5, 1.0, 7.25);
    assertThat(counts.start()).isEqualTo(Instant.parse("2018-04-01T00:00:00Z"));
    assertThat(counts.step()).isEqualTo(ONE_HOUR);
  }

  @Test
  void shouldReadEpochSecondsMillisecondsDatesAndOffsets() {
    assertThat(SeriesCsv.parseTime("1700000000", "")).isEqualTo(1_700_000_000_000L);
    assertThat(SeriesCsv.parseTime("1700000000123", "")).isEqualTo(1_700_000_000_123L);
    assertThat(SeriesCsv.parseTime("2024-03-01", "")).isEqualTo(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli());
    assertThat(SeriesCsv.parseTime("2024-03-01T02:00:00+02:00", ""))
        .isEqualTo(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli());
    assertThat(SeriesCsv.parseTime("2024-03-01T00:00:00.250", ""))
        .isEqualTo(Instant.parse("2024-03-01T00:00:00.250Z").toEpochMilli());
  }

  @Test
  void shouldNameAMissingColumnAndListTheColumns() throws IOException {
    Path file = csv("series.csv", "time,value\n2024-01-01,1\n");

    assertThatThrownBy(() -> SeriesCsv.read(file, "time", "amount", null, ProgressListener.SILENT))
        .isInstanceOf(SeriesFormatException.class)
        .hasMessage("series.csv has no column 'amount'; its columns are time, value");
  }

  @Test
  void shouldNameTheLineOfANonNumericValue() throws IOException {
    Path file = csv("series.csv", "time,value\n2024-01-01,1\n2024-01-02,n/a\n");

    assertThatThrownBy(() -> SeriesCsv.read(file, "time", "value", null, ProgressListener.SILENT))
        .isInstanceOf(SeriesFormatException.class)
        .hasMessage("series.csv line 3, column 'value': 'n/a' is not a finite number");
  }

  @Test
  void shouldNameTheLineOfAnUnreadableTime() throws IOException {
    Path file = csv("series.csv", "time,value\n01/02/2024,1\n");

    assertThatThrownBy(() -> SeriesCsv.read(file, "time", "value", null, ProgressListener.SILENT))
        .isInstanceOf(SeriesFormatException.class)
        .hasMessageStartingWith("series.csv line 2, column 'time': '01/02/2024' is not a time (expected ISO-8601");
  }

  @Test
  void shouldRejectRowsOutOfTimeOrderUnlessResampled() throws IOException {
    Path file = csv("series.csv", "time,value\n2024-01-02,1\n2024-01-01,2\n");

    assertThatThrownBy(() -> SeriesCsv.read(file, "time", "value", null, ProgressListener.SILENT))
        .isInstanceOf(SeriesFormatException.class)
        .hasMessageContaining("line 3: time 2024-01-01T00:00:00Z is not after the previous row's 2024-01-02");
    assertThat(SeriesCsv.read(file, "time", "value", Duration.ofDays(1), ProgressListener.SILENT).values())
        .containsExactly(2, 1);
  }

  @Test
  void shouldRefuseToCountRowsWithoutAResamplingStep() throws IOException {
    Path file = csv("series.csv", "time,value\n2024-01-01,1\n");

    assertThatThrownBy(() -> SeriesCsv.read(file, "time", null, null, ProgressListener.SILENT))
        .isInstanceOf(SeriesFormatException.class).hasMessageContaining("give a value column or a resampling step");
  }

  @Test
  void shouldRejectAFileWithNoRows() throws IOException {
    Path file = csv("series.csv", "time,value\n");

    assertThatThrownBy(() -> SeriesCsv.read(file, "time", "value", null, ProgressListener.SILENT))
        .isInstanceOf(SeriesFormatException.class).hasMessage("series.csv has a header but no rows");
  }

  private Path csv(String name, String content) throws IOException {
    return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
  }

  private Path gzip(String name, String content) throws IOException {
    Path file = directory.resolve(name);
    try (OutputStream output = new GZIPOutputStream(Files.newOutputStream(file))) {
      output.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
