package io.argus.pipeline.cli;

import io.argus.pipeline.drill.ArgusInstallation;
import io.argus.pipeline.drill.Drill;
import io.argus.pipeline.drill.DrillConfig;
import io.argus.pipeline.drill.DrillResult;
import io.argus.pipeline.drill.KillTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus drill}: the failure drill on one machine. Starts three Kafka nodes, a Flink session cluster with the
 * feature job and every role as separate processes of this jar, kills one process of each kind while transactions
 * flow, and reconciles every count; see {@link Drill}.
 */
@Command(name = "drill", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs Argus as separate processes on this machine — 3 Kafka nodes (KRaft, replication 3, "
        + "min.insync.replicas 2), a Flink session cluster (a JobManager, 2 TaskManagers) running the feature job "
        + "from its shaded jar, the validator and scorer instances, the forecaster and the dashboard — sends raw "
        + "transactions at --tps, kills with SIGKILL and restarts at once, one at a time: the active Kafka controller, "
        + "the busiest TaskManager, a scorer, a validator; then reconciles every record.",
        "Prints each kill's stall (the longest gap between two scores of a partition), lost=N duplicates=N and, last, "
            + "one line of JSON. Exit status 0 when nothing was lost or doubled and every stall stayed under "
            + "--max-stall, 1 otherwise. Builds the feature-job jar first when it is missing (Maven). Takes a few "
            + "minutes and most of a 2-core machine."})
public final class DrillCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--tps", defaultValue = "100", description = "Raw transactions a second: a rate the machine keeps "
      + "up with, or the stalls measure its backlog, not the recovery. Default: ${DEFAULT-VALUE}.")
  double transactionsPerSecond;

  @Option(names = "--duration", defaultValue = "3m", converter = DurationConverter.class,
      description = "How long transactions flow after the first score; the kills are spread evenly over it. A "
          + "duration like 90s, 3m or ISO-8601 (PT3M). Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--kill", split = ",", paramLabel = "KIND", defaultValue = "broker,taskmanager,scorer,validator",
      description = "What to kill, in order (broker, taskmanager, scorer, validator; 'none' for no kill). Default: "
          + "${DEFAULT-VALUE}.")
  List<String> kills;

  @Option(names = "--max-stall", defaultValue = "10s", converter = DurationConverter.class,
      description = "A kill whose stall reaches this fails the drill. Default: ${DEFAULT-VALUE}.")
  Duration maxStall;

  @Option(names = "--parallelism", defaultValue = "2",
      description = "The feature job's parallelism (1 or 2). Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(names = "--validators", defaultValue = "2",
      description = "Validator instances: with two, one takes over when the other is killed. "
          + "Default: ${DEFAULT-VALUE}.")
  int validators;

  @Option(names = "--scorers", defaultValue = "2", description = "Scorer instances. Default: ${DEFAULT-VALUE}.")
  int scorers;

  @Option(names = "--work-dir", defaultValue = "argus-data/drill",
      description = "Where the processes keep their data and logs; emptied first. Default: ${DEFAULT-VALUE}.")
  Path workDirectory;

  @Option(names = "--job-jar", description = "The shaded feature-job jar. Default: feature-store/target/"
      + "argus-feature-job.jar of the source tree, built when missing or older than the Argus jar.")
  Path jobJar;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the simulated traffic. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--broker-override", paramLabel = "KEY=VALUE", description = "A broker setting for every Kafka "
      + "node (repeatable), to measure an alternative.")
  Map<String, String> brokerOverrides = Map.of();

  @Option(names = "--flink-override", paramLabel = "KEY=VALUE", description = "A Flink cluster setting "
      + "(repeatable), to measure an alternative.")
  Map<String, String> flinkOverrides = Map.of();

  @Option(names = "--streams-override", paramLabel = "KEY=VALUE", description = "A Kafka Streams setting for the "
      + "validator and every scorer (repeatable), to measure an alternative.")
  Map<String, String> streamsOverrides = Map.of();

  @Override
  public Integer call() throws Exception {
    DrillConfig config = config();
    ArgusInstallation installation = ArgusInstallation.running().orElseThrow(() -> new UserException(
        "the drill starts its processes from the runnable jar: run it as ./argus drill (which builds "
            + "pipeline/target/argus.jar first)"));
    PrintWriter out = spec.commandLine().getOut();
    // The drill's own clients see every kill: their retries are expected, and the drill reports what matters.
    Configurator.setLevel("org.apache.kafka", Level.ERROR);
    Configurator.setLevel("org.apache.flink", Level.ERROR);
    Drill drill = Drill.prepare(config, installation, out);
    Thread stopOnExit = new Thread(drill::close, "drill-shutdown");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      DrillResult result = drill.run();
      drill.close();
      result.print(out);
      return result.passed() ? 0 : 1;
    } finally {
      drill.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs already
      }
    }
  }

  /** The drill's configuration from the flags; a bad value is a {@link UserException}. */
  DrillConfig config() {
    try {
      List<KillTarget> targets = new ArrayList<>();
      for (String kill : kills) {
        if (!kill.isBlank() && !kill.equalsIgnoreCase("none")) {
          targets.add(KillTarget.of(kill));
        }
      }
      return new DrillConfig(transactionsPerSecond, duration, parallelism, validators, scorers, targets, maxStall,
          workDirectory, jobJar, seed, brokerOverrides, flinkOverrides, streamsOverrides);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }
}
