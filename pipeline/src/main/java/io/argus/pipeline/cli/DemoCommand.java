package io.argus.pipeline.cli;

import io.argus.common.ProgressListener;
import io.argus.ingestion.tokenize.TokenKeyException;
import io.argus.pipeline.runtime.DemoConfig;
import io.argus.pipeline.runtime.DemoDirectory;
import io.argus.pipeline.runtime.DemoRuntime;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus demo}: the whole pipeline in one JVM ({@link DemoRuntime}), with a simulated population whose
 * history plays faster than the clock until it reaches now. It prints one ready summary, then a status line
 * ({@link StatusLine}: redrawn on a terminal, a plain line every {@code --status-every} otherwise), and runs until
 * Ctrl-C, which stops every role in order; started again on the same data directory, it resumes. The log goes to
 * {@code <data-dir>/logs/argus.log} ({@code --log-file} elsewhere): the console shows only Argus's warnings and
 * anyone's errors ({@link LogFile}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs the whole pipeline in one JVM until Ctrl-C: an embedded Kafka broker, the validator, the "
        + "Flink feature job, a simulated card population, the scorer (with a shipped first model), the forecaster, "
        + "retraining and the dashboard on http://localhost:8080.",
        "The simulation starts --history-days ago and plays at --tps until it reaches now, then goes on live; every "
            + "role works in event time, so a simulated day passes in about a minute."})
public final class DemoCommand implements Callable<Integer> {

  private static final Duration FIRST_SCORE_WAIT = Duration.ofSeconds(60);

  @Spec
  CommandSpec spec;

  @Option(names = "--tps", defaultValue = "200",
      description = "Transactions a second while the history plays. Default: ${DEFAULT-VALUE}.")
  double transactionsPerSecond;

  @Option(names = "--history-days", defaultValue = "35",
      description = "Days of history the simulation plays before it reaches now. Default: ${DEFAULT-VALUE}.")
  int historyDays;

  @Option(names = "--customers", defaultValue = "5000",
      description = "Simulated customers, a card each (about two transactions a day each). Default: ${DEFAULT-VALUE}.")
  int customers;

  @Option(names = "--terminals", defaultValue = "10000",
      description = "Simulated terminals. Default: ${DEFAULT-VALUE}.")
  int terminals;

  @Option(names = "--seed", defaultValue = "42", description = "The simulation's seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--port", defaultValue = "8080",
      description = "The dashboard's HTTP port (0: a free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--scorer-port", defaultValue = "8081",
      description = "The scorer's HTTP port: POST /score, GET /metrics, GET /health (0: a free port). "
          + "Default: ${DEFAULT-VALUE}.")
  int scorerPort;

  @Option(names = "--kafka-port", defaultValue = "0",
      description = "The broker's port (0: a free port, kept for the next start on the same data directory). "
          + "Default: ${DEFAULT-VALUE}.")
  int kafkaPort;

  @Option(names = "--data-dir", defaultValue = "argus-data/demo",
      description = "Broker logs, Flink checkpoints, offline store, model registry and the simulation's position; "
          + "a demo started again on it resumes. Default: ${DEFAULT-VALUE}.")
  Path dataDirectory;

  @Option(names = "--fresh", description = "Delete an earlier demo's data in --data-dir first.")
  boolean fresh;

  @Option(names = "--retrain-every", defaultValue = "3d", converter = DurationConverter.class,
      description = "Simulated time between retrainings (a better model is promoted). Default: ${DEFAULT-VALUE}.")
  Duration retrainEvery;

  @Option(names = "--status-every", defaultValue = "10s", converter = DurationConverter.class,
      description = "How often the status line is printed when the console is not a terminal (on a terminal it is "
          + "redrawn every second). Default: ${DEFAULT-VALUE}.")
  Duration statusEvery;

  @Option(names = "--token-key-file",
      description = "File holding the card-token key (Base64). Default: ARGUS_TOKEN_KEY, or else a throwaway key "
          + "generated in --data-dir.")
  Path tokenKeyFile;

  /** The environment to read the key from; tests replace it. */
  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() throws Exception {
    DemoConfig config = config();
    DemoDirectory directory = prepare(config);
    boolean terminal = ConsoleProgress.onTerminal();
    Path logFile = LogFile.current().orElse(directory.logFile()).toAbsolutePath();
    LogFile.moveTo(logFile, LogFile.ARGUS_WARNINGS, terminal);
    PrintWriter out = spec.commandLine().getOut();
    out.println("argus demo: starting in " + directory.root().toAbsolutePath() + "; the log goes to " + logFile);
    out.flush();
    DemoRuntime runtime = start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<StatusLine> status = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Optional.ofNullable(status.get()).ifPresent(StatusLine::close);
      runtime.close();
      // Printed, not logged: at JVM shutdown the logging system may already be stopped.
      out.println("demo stopped; its data stays in " + runtime.dataDirectory() + " for the next start");
      out.flush();
      stopped.countDown();
    }, "demo-shutdown"));
    Optional<Duration> firstScore = runtime.awaitFirstScore(FIRST_SCORE_WAIT);
    out.println(runtime.summary(firstScore, Optional.of(logFile)));
    out.flush();
    status.set(StatusLine.start(out, terminal, statusEvery, runtime::status));
    stopped.await();
    return 0;
  }

  /** The configuration the options describe; a bad value is a {@link UserException}. */
  DemoConfig config() {
    try {
      return DemoConfig.DEFAULTS.withTransactionsPerSecond(transactionsPerSecond).withHistoryDays(historyDays)
          .withPopulation(customers, terminals).withSeed(seed).withDataDirectory(dataDirectory)
          .withPorts(port, scorerPort, kafkaPort)
          .withRetraining(retrainEvery, DemoConfig.DEFAULTS.retrainCheckEvery());
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage() + " (see 'argus demo --help')");
    }
  }

  /** The data directory, an earlier demo's data deleted first with {@code --fresh}; a wrong one is a user error. */
  private DemoDirectory prepare(DemoConfig config) {
    try {
      return DemoDirectory.prepare(config.dataDirectory(), fresh);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage() + " (see 'argus demo --help')");
    }
  }

  private DemoRuntime start(DemoConfig config) throws Exception {
    try {
      // The directory is prepared (and emptied with --fresh) already: its log is in it now.
      return DemoRuntime.start(config, false, tokenKeyFile, environment, ProgressListener.SILENT);
    } catch (TokenKeyException e) {
      throw new UserException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage() + " (see 'argus demo --help')");
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof BindException) {
        throw new UserException("a port is taken (" + e.getCause().getMessage() + "): choose others with --port and "
            + "--scorer-port, or 0 for free ones");
      }
      throw e;
    }
  }
}
