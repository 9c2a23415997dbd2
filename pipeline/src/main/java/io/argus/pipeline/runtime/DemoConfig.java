package io.argus.pipeline.runtime;

import io.argus.ingestion.simulate.SimulatorConfig;
import io.argus.forecaster.ForecastMethod;
import io.argus.forecaster.live.LiveForecastConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@code argus demo} runs: the simulated population and how fast its history plays, where the demo keeps its
 * data, its ports, and how often it retrains. {@link #DEFAULTS} are the command's defaults; the {@code with...}
 * methods change one value.
 *
 * @param transactionsPerSecond the simulator's rate while it plays its history; live, the population's own rate
 * @param historyDays the simulation starts this many days before today (midnight UTC) and plays them at the rate,
 *     so event time runs ahead of the clock until it reaches now
 * @param customers simulated customers, one card each (about two transactions a day each)
 * @param terminals simulated terminals
 * @param seed the simulation's seed
 * @param dataDirectory the broker's logs, checkpoints, offline store, model registry and state of the Streams apps
 * @param dashboardPort the dashboard's HTTP port (0: a free port)
 * @param scorerPort the scorer's HTTP port, {@code POST /score} and {@code /metrics} (0: a free port)
 * @param kafkaPort the broker's port (0: a free port, kept for restarts on the same data directory)
 * @param retrainEvery event time between retrainings (a simulated day passes in under a minute while history plays)
 * @param retrainCheckEvery how often, by the clock, the retraining scheduler checks for drift and the interval
 */
public record DemoConfig(double transactionsPerSecond, int historyDays, int customers, int terminals, long seed,
    Path dataDirectory, int dashboardPort, int scorerPort, int kafkaPort, Duration retrainEvery,
    Duration retrainCheckEvery) {

  /** How much forecast and actual volume the dashboard's forecast panel shows: three days of hourly steps. */
  static final Duration DASHBOARD_FORECAST_HISTORY = Duration.ofDays(3);
  /** Simulated days beyond today: the simulation goes on live for this long. */
  static final int LIVE_DAYS = 366;
  /** Put before every simulated transaction id, so that a transaction you send cannot collide with one. */
  static final String ID_PREFIX = "sim-";

  /**
   * 200 transactions a second through 35 days of history of the handbook's population (5,000 customers, 10,000
   * terminals, seed 42), data under {@code argus-data/demo}, the dashboard on 8080, the scorer on 8081, Kafka on a
   * free port, retraining every 3 days of event time (and on drift), checked every 2 minutes (a retraining costs
   * half a minute or more of a core).
   */
  public static final DemoConfig DEFAULTS = new DemoConfig(200, 35, SimulatorConfig.DEFAULTS.customers(),
      SimulatorConfig.DEFAULTS.terminals(), SimulatorConfig.DEFAULTS.seed(), Path.of("argus-data", "demo"), 8080,
      8081, 0, Duration.ofDays(3), Duration.ofMinutes(2));

  public DemoConfig {
    if (!(transactionsPerSecond > 0)) {
      throw new IllegalArgumentException("transactions per second must be positive, got " + transactionsPerSecond);
    }
    if (historyDays < 0) {
      throw new IllegalArgumentException("history days must be 0 or more, got " + historyDays);
    }
    if (customers < 1 || terminals < 1) {
      throw new IllegalArgumentException("the population needs a customer and a terminal, got " + customers
          + " customers and " + terminals + " terminals");
    }
    for (int port : new int[] {dashboardPort, scorerPort, kafkaPort}) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("ports are between 0 and 65535, got " + port);
      }
    }
    if (dataDirectory == null) {
      throw new IllegalArgumentException("a data directory is needed");
    }
    if (retrainEvery.isNegative() || retrainEvery.isZero() || retrainCheckEvery.isNegative()
        || retrainCheckEvery.isZero()) {
      throw new IllegalArgumentException("retraining intervals must be positive, got " + retrainEvery + " and "
          + retrainCheckEvery);
    }
  }

  /**
   * The forecaster in demo time: hourly steps (a simulated hour passes in seconds while history plays), six hours
   * ahead, a daily season, a week of history, refitted every simulated day; the method chosen per series by backtest
   * ({@code auto}), 90 % intervals. A series is forecast provisionally (naive) from its seventh hour, so the first
   * forecast comes about half a minute after the simulation starts; the backtested choice follows from 54 hours on
   * (two days plus the horizon).
   */
  public static LiveForecastConfig forecasting() {
    LiveForecastConfig defaults = LiveForecastConfig.defaults();
    return new LiveForecastConfig(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7),
        Duration.ofHours(1), defaults.idleTimeout(), Duration.ofDays(1), defaults.level(),
        defaults.consecutiveBreaches(), ForecastMethod.AUTO, defaults.currency(),
        defaults.maxMerchantCategories(), defaults.lstm());
  }

  /** The simulation this configuration describes, starting at {@code start} (midnight UTC). */
  public SimulatorConfig simulation(Instant start) {
    return SimulatorConfig.DEFAULTS.withSeed(seed).withPopulation(customers, terminals).withStart(start)
        .withDays(historyDays + LIVE_DAYS).withIdPrefix(ID_PREFIX);
  }

  public DemoConfig withTransactionsPerSecond(double value) {
    return new DemoConfig(value, historyDays, customers, terminals, seed, dataDirectory, dashboardPort, scorerPort,
        kafkaPort, retrainEvery, retrainCheckEvery);
  }

  public DemoConfig withHistoryDays(int value) {
    return new DemoConfig(transactionsPerSecond, value, customers, terminals, seed, dataDirectory, dashboardPort,
        scorerPort, kafkaPort, retrainEvery, retrainCheckEvery);
  }

  public DemoConfig withPopulation(int customerCount, int terminalCount) {
    return new DemoConfig(transactionsPerSecond, historyDays, customerCount, terminalCount, seed, dataDirectory,
        dashboardPort, scorerPort, kafkaPort, retrainEvery, retrainCheckEvery);
  }

  public DemoConfig withSeed(long value) {
    return new DemoConfig(transactionsPerSecond, historyDays, customers, terminals, value, dataDirectory,
        dashboardPort, scorerPort, kafkaPort, retrainEvery, retrainCheckEvery);
  }

  public DemoConfig withDataDirectory(Path value) {
    return new DemoConfig(transactionsPerSecond, historyDays, customers, terminals, seed, value, dashboardPort,
        scorerPort, kafkaPort, retrainEvery, retrainCheckEvery);
  }

  /** The dashboard's, the scorer's and the broker's ports. */
  public DemoConfig withPorts(int dashboard, int scorer, int kafka) {
    return new DemoConfig(transactionsPerSecond, historyDays, customers, terminals, seed, dataDirectory, dashboard,
        scorer, kafka, retrainEvery, retrainCheckEvery);
  }

  public DemoConfig withRetraining(Duration every, Duration checkEvery) {
    return new DemoConfig(transactionsPerSecond, historyDays, customers, terminals, seed, dataDirectory,
        dashboardPort, scorerPort, kafkaPort, every, checkEvery);
  }
}
