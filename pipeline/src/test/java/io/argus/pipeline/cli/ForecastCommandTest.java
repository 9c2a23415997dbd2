package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.forecaster.live.LiveForecastConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ForecastCommandTest {

  private static final LocalDateTime T0 = LocalDateTime.parse("2018-04-01T00:00:00");
  private static final DateTimeFormatter HANDBOOK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final int DAYS = 40;

  @TempDir
  Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldBacktestEveryMethodOnHourlyCountsOfAnEventFile() throws IOException {
    Path events = eventFile();

    int exit = run("forecast", "backtest", "--csv", events.toString(), "--time-column", "TX_DATETIME",
        "--resample", "1h", "--period", "24", "--horizon", "24", "--epochs", "2", "--seasonal-lags", "3");

    assertThat(exit).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).startsWith("events.csv.gz: 960 points, period 24, horizon 24");
    assertThat(out.toString()).contains("method", "MASE", "sMAPE %", "coverage", "holt_winters: MASE");
    JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(json.get("methods").fieldNames()).toIterable().containsExactly("naive", "seasonal_naive",
        "holt_winters", "holt_winters_damped", "combination", "auto", "lstm");
    assertThat(json.get("skipped").size()).isZero();
    for (JsonNode method : json.get("methods")) {
      assertThat(method.get("mase").asDouble()).isPositive();
      assertThat(method.get("smape").asDouble()).isPositive();
      assertThat(method.get("coverage").asDouble()).isBetween(0.0, 1.0);
    }
    assertThat(json.get("series").get("points").asInt()).isEqualTo(DAYS * 24);
    assertThat(json.get("series").get("origins").asInt()).isEqualTo(8);
  }

  @Test
  void shouldBacktestAValueColumnWithTheChosenMethods() throws IOException {
    StringBuilder csv = new StringBuilder("day,visits\n");
    for (int day = 0; day < 200; day++) {
      csv.append(T0.plusDays(day).toLocalDate()).append(',').append(100 + 20 * (day % 7) + day % 3).append('\n');
    }
    Path file = Files.writeString(directory.resolve("visits.csv"), csv);

    int exit = run("forecast", "backtest", "--csv", file.toString(), "--time-column", "day", "--value-column",
        "visits", "--period", "7", "--horizon", "7", "--methods", "seasonal_naive,holt_winters");

    assertThat(exit).as(err.toString()).isZero();
    String last = out.toString().lines().reduce((first, second) -> second).orElseThrow();
    JsonNode methods = new ObjectMapper().readTree(last).get("methods");
    assertThat(methods.fieldNames()).toIterable().containsExactly("seasonal_naive", "holt_winters");
  }

  @Test
  void shouldNameAMissingColumnInOneLine() throws IOException {
    int exit = run("forecast", "backtest", "--csv", eventFile().toString(), "--time-column", "WHEN",
        "--resample", "1h", "--period", "24", "--horizon", "24");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("argus: events.csv.gz has no column 'WHEN'; its columns are "
        + "TRANSACTION_ID, TX_DATETIME, TX_AMOUNT" + System.lineSeparator());
  }

  @Test
  void shouldNameANonNumericValueInOneLine() throws IOException {
    Path file = Files.writeString(directory.resolve("series.csv"), "time,value\n2024-01-01,1\n2024-01-02,lots\n");

    int exit = run("forecast", "backtest", "--csv", file.toString(), "--time-column", "time", "--value-column",
        "value", "--period", "7", "--horizon", "7");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines()).containsExactly(
        "argus: series.csv line 3, column 'value': 'lots' is not a finite number");
  }

  @Test
  void shouldBacktestTwoYearsAndABitOfWeeklyDataAndSayWhyTheLstmIsSkipped() throws IOException {
    Path file = weeklyFile("weekly.csv", 113);

    int exit = run("forecast", "backtest", "--csv", file.toString(), "--time-column", "week", "--value-column",
        "value", "--period", "52", "--horizon", "8", "--level", "0.95");

    assertThat(exit).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("weekly.csv: 113 points, period 52, horizon 8, 2 origins from point 104 every "
        + "1, refitted every 52 points, 95% intervals");
    assertThat(out.toString()).contains("lstm                 skipped: needs 1572 points of history before an "
        + "origin to forecast with intervals (calibrated on held-out residuals); this series has 105 before its last "
        + "origin");
    JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(json.get("methods").fieldNames()).toIterable().containsExactly("naive", "seasonal_naive",
        "holt_winters", "holt_winters_damped", "combination");
    assertThat(json.get("skipped").fieldNames()).toIterable().containsExactly("auto", "lstm");
    for (JsonNode method : json.get("methods")) {
      assertThat(method.get("mase").asDouble()).isPositive();
      assertThat(method.get("coverage").asDouble()).isBetween(0.0, 1.0);
      assertThat(method.get("origins").asInt()).isEqualTo(2);
    }
  }

  @Test
  void shouldSayInOneLineThatASeriesOnePointShorterThanTwoSeasonsPlusTheHorizonIsTooShort() throws IOException {
    Path file = weeklyFile("short.csv", 111);

    int exit = run("forecast", "backtest", "--csv", file.toString(), "--time-column", "week", "--value-column",
        "value", "--period", "52", "--horizon", "8");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines()).containsExactly("argus: short.csv: a series of 111 points is too short for "
        + "--period 52 and --horizon 8: a backtest needs two full seasons plus the horizon, 112 points (lower them, "
        + "or resample to a shorter step)");
  }

  @Test
  void shouldSummariseEveryMethodOverADirectoryOfSeries() throws IOException {
    Path series = Files.createDirectory(directory.resolve("weekly"));
    weeklyFile("weekly/a.csv", 160);
    weeklyFile("weekly/b.csv", 130);
    weeklyFile("weekly/too-short.csv", 100);

    int exit = run("forecast", "benchmark", "--dir", series.toString(), "--time-column", "week", "--value-column",
        "value", "--period", "52", "--horizon", "8", "--level", "0.95", "--methods",
        "seasonal_naive,holt_winters_damped,combination,auto,lstm");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(err.toString()).contains("argus: left out too-short: a series of 100 points is too short");
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(1)).matches("a +160 .*");
    assertThat(lines.get(2)).matches("b +130 .*");
    assertThat(out.toString()).contains("2 series; MASE per series is the mean over its origins; coverage of the "
        + "95% interval");
    JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(json.get("series").asInt()).isEqualTo(2);
    JsonNode methods = json.get("methods");
    assertThat(methods.fieldNames()).toIterable().containsExactly("seasonal_naive", "holt_winters_damped",
        "combination", "auto", "lstm");
    assertThat(methods.get("seasonal_naive").get("relative_mase").asDouble()).isEqualTo(1.0);
    assertThat(methods.get("combination").get("series").asInt()).isEqualTo(2);
    assertThat(methods.get("combination").get("coverage").asDouble()).isBetween(0.0, 1.0);
    assertThat(methods.get("lstm").get("series").asInt()).isZero();
    assertThat(methods.get("lstm").get("skipped").asInt()).isEqualTo(2);
  }

  @Test
  void shouldRejectAMissingFileAndACountWithoutResampling() {
    assertThat(run("forecast", "backtest", "--csv", directory.resolve("none.csv").toString(), "--time-column", "t",
        "--period", "7", "--horizon", "7")).isEqualTo(2);
    assertThat(err.toString()).contains("argus: no file ").contains("none.csv: check the --csv path");
  }

  @Test
  void shouldAskForTheBootstrapServersToRunLive() {
    assertThat(run("forecast")).isEqualTo(2);
    assertThat(err.toString()).startsWith("argus: give the Kafka cluster with --bootstrap HOST:PORT");
  }

  @Test
  void shouldRejectADurationItCannotRead() {
    assertThat(run("forecast", "--bootstrap", "127.0.0.1:9", "--step", "5 minutes")).isEqualTo(2);
    assertThat(err.toString()).contains("'--step': '5 minutes' is not a duration: write a whole number and a unit");
  }

  @Test
  void shouldSayWhenTheHistoryIsTooShortForTheMethod() {
    assertThat(run("forecast", "--bootstrap", "127.0.0.1:9", "--method", "lstm")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("argus: invalid forecaster settings: lstm needs ")
        .endsWith("steps of history, more than the 10080 that history PT168H keeps: raise the history or shorten "
            + "the period");
  }

  @Test
  void shouldDefaultToTheLiveForecasterDefaults() {
    CommandLine commandLine = new CommandLine(new ForecastCommand());
    commandLine.parseArgs("--bootstrap", "127.0.0.1:9092");
    ForecastCommand command = commandLine.getCommand();

    assertThat(command.config()).isEqualTo(LiveForecastConfig.defaults());
  }

  private int run(String... args) {
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /** {@code weeks} of a weekly volume with a yearly season and noise, columns week and value. */
  private Path weeklyFile(String name, int weeks) throws IOException {
    Random random = new Random(weeks);
    StringBuilder csv = new StringBuilder("week,value\n");
    for (int week = 0; week < weeks; week++) {
      double value = 500 + 80 * Math.sin(2 * Math.PI * week / 52) + 15 * random.nextGaussian();
      csv.append(T0.toLocalDate().plusWeeks(week)).append(',').append(Math.round(value)).append('\n');
    }
    return Files.writeString(directory.resolve(name), csv);
  }

  /** Handbook-like events: 40 days, about 20 an hour swinging by 15 over the day, gzip-compressed. */
  private Path eventFile() throws IOException {
    Random random = new Random(3);
    Path file = directory.resolve("events.csv.gz");
    try (OutputStream output = new GZIPOutputStream(Files.newOutputStream(file))) {
      StringBuilder rows = new StringBuilder("TRANSACTION_ID,TX_DATETIME,TX_AMOUNT\n");
      int id = 0;
      for (int hour = 0; hour < DAYS * 24; hour++) {
        int count = (int) Math.round(20 + 15 * Math.sin(2 * Math.PI * hour / 24) + 3 * random.nextGaussian());
        for (int i = 0; i < count; i++) {
          rows.append(id++).append(',').append(T0.plusHours(hour).plusSeconds(i * 3600L / count).format(HANDBOOK_TIME))
              .append(",10.00\n");
        }
      }
      output.write(rows.toString().getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
