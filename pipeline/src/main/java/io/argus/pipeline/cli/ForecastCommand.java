package io.argus.pipeline.cli;

import io.argus.forecaster.Backtest;
import io.argus.forecaster.BacktestReport;
import io.argus.forecaster.BenchmarkReport;
import io.argus.forecaster.ForecastMethod;
import io.argus.forecaster.Forecaster;
import io.argus.forecaster.LstmSettings;
import io.argus.forecaster.SeriesCsv;
import io.argus.forecaster.SeriesFormatException;
import io.argus.forecaster.live.ForecastService;
import io.argus.forecaster.live.LiveForecastConfig;
import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.operations.ForecasterOperations;
import io.argus.pipeline.operations.RoleMetrics;
import io.argus.pipeline.operations.RoleOperations;
import io.argus.pipeline.security.Roles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus forecast}: the live forecaster. It aggregates {@code transactions} into per-step volume series (count
 * and amount, overall and per channel and merchant category), publishes a forecast with intervals per series to
 * {@code forecasts} each step, retrains on a schedule, and raises one {@code FORECAST_DEVIATION} alert on
 * {@code alerts} per breach episode. {@code argus forecast backtest} evaluates the methods on any CSV series, and
 * {@code argus forecast benchmark} on every series in a directory.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = {"Forecasts transaction volumes live and alerts when reality leaves the forecast interval.",
        "Reads transactions (replaying --history of them at start), writes forecasts and alerts; runs until Ctrl-C.",
        "GET /health (200 once the history is replayed) and GET /metrics on --ops-port; prints 'argus forecast ready "
            + "ops=http://HOST:PORT' once healthy.",
        "Durations are written like 30s, 3d or ISO-8601 (PT1M)."},
    subcommands = {ForecastCommand.BacktestCommand.class, ForecastCommand.BenchmarkCommand.class,
        CommandLine.HelpCommand.class})
public final class ForecastCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  OperationsOptions operations;

  @Option(names = "--step", defaultValue = "1m", converter = DurationConverter.class,
      description = "Length of one point of every series; a forecast is published per step. Default: ${DEFAULT-VALUE}.")
  Duration step;

  @Option(names = "--horizon", defaultValue = "1h", converter = DurationConverter.class,
      description = "How far ahead each forecast reaches. Default: ${DEFAULT-VALUE}.")
  Duration horizon;

  @Option(names = "--period", defaultValue = "1d", converter = DurationConverter.class,
      description = "The seasonal period. Default: ${DEFAULT-VALUE}.")
  Duration period;

  @Option(names = "--history", defaultValue = "7d", converter = DurationConverter.class,
      description = "History kept per series, and replayed from the topic at start. Default: ${DEFAULT-VALUE}.")
  Duration history;

  @Option(names = "--lateness", defaultValue = "2m", converter = DurationConverter.class,
      description = "How late (in event time) a transaction may arrive and still count. Default: ${DEFAULT-VALUE}.")
  Duration lateness;

  @Option(names = "--idle-timeout", defaultValue = "5m", converter = DurationConverter.class,
      description = "With no transaction for this long, event time follows the clock (an outage shows as zero "
          + "volume). Default: ${DEFAULT-VALUE}.")
  Duration idleTimeout;

  @Option(names = "--retrain-every", defaultValue = "6h", converter = DurationConverter.class,
      description = "How often each series' model is refitted. Default: ${DEFAULT-VALUE}.")
  Duration retrainEvery;

  @Option(names = "--level", defaultValue = "0.9",
      description = "Nominal coverage of the prediction intervals. Default: ${DEFAULT-VALUE}.")
  double level;

  @Option(names = "--consecutive", defaultValue = "3",
      description = "Steps in a row outside the interval that raise a deviation alert. Default: ${DEFAULT-VALUE}.")
  int consecutive;

  @Option(names = "--method", defaultValue = "auto",
      description = "Forecasting method: auto (chosen per series by a backtest on its history, among naive, "
          + "seasonal_naive, holt_winters, holt_winters_damped and combination), or one of those, or lstm. Default: "
          + "${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--currency", defaultValue = "EUR",
      description = "Currency of the amount series (ISO 4217); other currencies count only. Default: ${DEFAULT-VALUE}.")
  String currency;

  @Option(names = "--max-merchant-categories", defaultValue = "50",
      description = "Merchant categories with their own series; the rest share 'other'. Default: ${DEFAULT-VALUE}.")
  int maxMerchantCategories;

  @Override
  public Integer call() throws Exception {
    if (!kafka.given()) {
      throw new UserException("give the Kafka cluster with --bootstrap HOST:PORT (or run 'argus forecast backtest')");
    }
    LiveForecastConfig config = config();
    RoleMetrics metrics = RoleMetrics.create();
    ForecastService service;
    RoleOperations surface;
    try {
      service = start(config, metrics);
      ForecasterOperations.bind(metrics, service);
      surface = operations.start("forecast", () -> ForecasterOperations.health(service), metrics::scrape,
          spec.commandLine().getOut());
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.stop();
      awaitQuietly(stopped);
    }, "forecast-shutdown"));
    try (metrics; surface; service) {
      service.run();
    } finally {
      stopped.countDown();
    }
    return 0;
  }

  /** The configuration the options describe. */
  LiveForecastConfig config() {
    try {
      return new LiveForecastConfig(step, horizon, period, history, lateness, idleTimeout, retrainEvery, level,
          consecutive, method(method), currency.toUpperCase(Locale.ROOT),
          maxMerchantCategories, LstmSettings.defaults());
    } catch (IllegalArgumentException e) {
      throw new UserException("invalid forecaster settings: " + e.getMessage());
    }
  }

  private ForecastService start(LiveForecastConfig config, RoleMetrics metrics) {
    KafkaSettings settings = kafka.connect(Roles.forecaster(), false).withListener(metrics.kafkaClients());
    try {
      return ForecastService.kafka(settings, config, Clock.systemUTC());
    } catch (KafkaException | IllegalArgumentException | IllegalStateException e) {
      throw new UserException("cannot start the forecaster on " + settings.bootstrap() + ": " + e.getMessage());
    }
  }

  private static ForecastMethod method(String id) {
    try {
      return ForecastMethod.byId(id);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code argus forecast backtest}: rolling-origin evaluation of the forecasting methods on a CSV series. */
  @Command(name = "backtest", mixinStandardHelpOptions = true,
      description = {"Rolling-origin backtest of the forecasting methods on any CSV series.",
          "Prints MASE, sMAPE and interval coverage per method, and why a method was skipped; the last line is one "
              + "JSON object.",
          "An event file (one row per event) becomes a series with --resample and no --value-column (counts)."})
  static final class BacktestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--csv", required = true, description = "The CSV file (a header row; .gz too).")
    Path csv;

    @CommandLine.Mixin
    BacktestOptions options;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(csv)) {
        throw new UserException("no file " + csv + ": check the --csv path");
      }
      options.check();
      double[] values = options.read(csv).values();
      String name = csv.getFileName().toString();
      Backtest.Result result = options.backtest(name, values);
      PrintWriter out = spec.commandLine().getOut();
      out.print(BacktestReport.table(name, result));
      out.println(BacktestReport.json(result));
      out.flush();
      return 0;
    }
  }

  /**
   * {@code argus forecast benchmark}: the backtest of every CSV series in a directory, summarised per method (mean
   * MASE against seasonal naive's, interval coverage, on how many series each was scored or skipped).
   */
  @Command(name = "benchmark", mixinStandardHelpOptions = true,
      description = {"Backtests every *.csv series in a directory and summarises each method over them.",
          "Each file has the same columns; a series shorter than two seasons plus the horizon is left out, and said.",
          "The last line is one JSON object."})
  static final class BenchmarkCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", required = true, description = "The directory of CSV files (*.csv, *.csv.gz).")
    Path directory;

    @Option(names = "--last", description = "Keep only the last N points of each series.")
    Integer last;

    @CommandLine.Mixin
    BacktestOptions options;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(directory)) {
        throw new UserException("no directory " + directory + ": check the --dir path");
      }
      if (last != null && last < 1) {
        throw new UserException("--last must be at least 1, got " + last);
      }
      options.check();
      List<Path> files;
      try (var listing = Files.list(directory)) {
        files = listing.filter(file -> file.getFileName().toString().matches(".*\\.csv(\\.gz)?"))
            .sorted().toList();
      }
      if (files.isEmpty()) {
        throw new UserException(directory + " holds no .csv files");
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<BenchmarkReport.Entry> entries = new ArrayList<>();
      for (Path file : files) {
        String name = file.getFileName().toString().replaceFirst("\\.csv(\\.gz)?$", "");
        double[] values = options.read(file).values();
        if (last != null && values.length > last) {
          values = Arrays.copyOfRange(values, values.length - last, values.length);
        }
        if (values.length < options.minimumLength()) {
          err.println("argus: left out " + name + ": " + options.tooShort(values.length));
          continue;
        }
        entries.add(new BenchmarkReport.Entry(name, options.backtest(name, values)));
      }
      if (entries.isEmpty()) {
        throw new UserException("no series in " + directory + " is long enough for --period " + options.period
            + " and --horizon " + options.horizon);
      }
      List<String> methods = options.methods.stream().map(String::trim).toList();
      out.print(BenchmarkReport.table(entries, methods, options.level));
      out.println(BenchmarkReport.json(entries, methods, options.level));
      out.flush();
      return 0;
    }
  }

  /** How a series is read and backtested, the same for {@code backtest} and {@code benchmark}. */
  static final class BacktestOptions {

    @Option(names = "--time-column", required = true, description = "The column holding each row's time.")
    String timeColumn;

    @Option(names = "--value-column",
        description = "The numeric column; without it, rows are counted per --resample step.")
    String valueColumn;

    @Option(names = "--resample", converter = DurationConverter.class,
        description = "Sum the values (or count the rows) per step of this length, for example 1h or 1m.")
    Duration resample;

    @Option(names = "--period", required = true, description = "The seasonal period, in points (24 for hourly data).")
    int period;

    @Option(names = "--horizon", required = true, description = "Points forecast from each origin.")
    int horizon;

    @Option(names = "--level", defaultValue = "0.9",
        description = "Nominal coverage of the intervals. Default: ${DEFAULT-VALUE}.")
    double level;

    @Option(names = "--test-fraction",
        description = "Share of the series, at its end, holding the origins (1: all after two seasons). Default: 1 "
            + "on a series of fewer than ten seasons, else 0.2.")
    Double testFraction;

    @Option(names = "--stride",
        description = "Points between origins. Default: 1 on a short series (at most 500 origins), else the horizon.")
    Integer stride;

    @Option(names = "--refit-every",
        description = "Refit each method once its origin has moved this many points (0: fit once). Default: the "
            + "period on a short series, else 0.")
    Integer refitEvery;

    @Option(names = "--methods", split = ",",
        defaultValue = "naive,seasonal_naive,holt_winters,holt_winters_damped,combination,auto,lstm",
        description = "Methods to evaluate. Default: ${DEFAULT-VALUE}.")
    List<String> methods;

    @Option(names = "--epochs", defaultValue = "40", description = "Most LSTM training epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--seasonal-lags", defaultValue = "28",
        description = "Past periods in the LSTM's seasonal baseline. Default: ${DEFAULT-VALUE}.")
    int seasonalLags;

    @Option(names = "--seed", defaultValue = "42", description = "LSTM seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    /** Refuses settings that cannot work, before any file is read. */
    void check() {
      if (valueColumn == null && resample == null) {
        throw new UserException("give --value-column, or --resample (for example 1h) to count the rows per step");
      }
      if (period < 1 || horizon < 1) {
        throw new UserException("--period and --horizon must be at least 1, got " + period + " and " + horizon);
      }
      settings(minimumLength());
      forecasters();
    }

    SeriesCsv.Series read(Path file) throws IOException {
      try {
        return SeriesCsv.read(file, timeColumn, valueColumn, resample, ConsoleProgress.standardError());
      } catch (SeriesFormatException e) {
        throw new UserException(e.getMessage());
      }
    }

    int minimumLength() {
      return 2 * period + horizon;
    }

    String tooShort(int length) {
      return String.format(Locale.ROOT, "a series of %d points is too short for --period %d and --horizon %d: a "
          + "backtest needs two full seasons plus the horizon, %d points", length, period, horizon, minimumLength());
    }

    /** Every method's outcome on {@code values}, named {@code name} in errors. */
    Backtest.Result backtest(String name, double[] values) {
      if (values.length < minimumLength()) {
        throw new UserException(name + ": " + tooShort(values.length) + " (lower them, or resample to a shorter "
            + "step)");
      }
      try {
        return Backtest.run(forecasters(), values, settings(values.length), ConsoleProgress.standardError());
      } catch (IllegalArgumentException e) {
        throw new UserException(name + ": " + e.getMessage());
      }
    }

    private Backtest.Settings settings(int length) {
      try {
        Backtest.Settings settings = Backtest.Settings.forLength(length, period, horizon, level);
        if (testFraction != null) {
          settings = settings.withTestFraction(testFraction);
        }
        if (stride != null) {
          settings = settings.withStride(stride);
        }
        if (refitEvery != null) {
          settings = settings.withRefitEvery(refitEvery);
        }
        return settings;
      } catch (IllegalArgumentException e) {
        throw new UserException("invalid backtest settings: " + e.getMessage());
      }
    }

    private List<Forecaster> forecasters() {
      LstmSettings lstm;
      try {
        lstm = LstmSettings.defaults().withEpochs(epochs).withSeasonalLags(seasonalLags).withSeed(seed);
      } catch (IllegalArgumentException e) {
        throw new UserException("invalid LSTM settings: " + e.getMessage());
      }
      List<Forecaster> forecasters = new ArrayList<>();
      for (String id : methods) {
        forecasters.add(method(id.trim()).create(period, horizon, lstm, ConsoleProgress.standardError()));
      }
      return forecasters;
    }
  }
}
