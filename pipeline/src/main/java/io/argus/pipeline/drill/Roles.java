package io.argus.pipeline.drill;

import io.argus.pipeline.process.ManagedProcess;
import io.argus.pipeline.process.Readiness;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Argus roles of the drill, each an {@code argus} subcommand in a JVM of its own: the validator, the scorer
 * instances, the forecaster and the dashboard. Each Kafka Streams instance gets its own persistent state directory
 * and a properties file with its {@link StreamsRecovery} settings.
 *
 * <p>Readiness, for now, from what the roles print today: the validator and the scorers once Kafka Streams reports
 * {@code RUNNING} (and the scorer's {@code /health} answers 200: a champion is served), the forecaster once it
 * forecasts live, the dashboard once it prints its address. When every long-running role prints
 * {@code argus ROLE ready ops=http://HOST:PORT}, {@link #readiness} becomes {@link Readiness#readyLine} alone.
 */
final class Roles {

  static final String STREAMS_RUNNING = "State transition from \\S+ to RUNNING";
  private static final List<String> STREAMS_JVM = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC");
  private static final List<String> SMALL_JVM = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC");

  private final DrillProcesses processes;
  private final FreePorts ports;
  private final String bootstrap;
  private final Map<String, String> streamsOverrides;

  Roles(DrillProcesses processes, FreePorts ports, String bootstrap, Map<String, String> streamsOverrides) {
    this.processes = processes;
    this.ports = ports;
    this.bootstrap = bootstrap;
    this.streamsOverrides = streamsOverrides;
  }

  /** How the drill knows a role is ready: the one place to switch to the ready line. */
  static Readiness readiness(String role, URI health) {
    return switch (role) {
      case "validate" -> Readiness.logLine(STREAMS_RUNNING);
      case "score" -> Readiness.allOf(Readiness.http(health), Readiness.logLine(STREAMS_RUNNING));
      case "forecast" -> Readiness.logLine("forecasting live");
      case "dashboard" -> Readiness.logLine("^dashboard=\\S+$");
      default -> throw new IllegalArgumentException("no readiness known for role " + role);
    };
  }

  ManagedProcess validator(Path tokenKeyFile) {
    String instance = "validator";
    Path config = StreamsRecovery.write(instanceDirectory(instance).resolve("streams.properties"),
        StreamsRecovery.settings(instance, streamsOverrides));
    List<String> arguments = List.of("validate", "--bootstrap", bootstrap, "--token-key-file", tokenKeyFile.toString(),
        "--state-dir", instanceDirectory(instance).resolve("state").toString(), "--config", config.toString());
    return processes.start(instance, processes.argus(STREAMS_JVM, arguments), readiness("validate", null));
  }

  /** Scorer instance {@code number} (from 1), with its HTTP port. */
  Scorer scorer(int number, Path registry) {
    String instance = "scorer-" + number;
    int httpPort = ports.next();
    Path config = StreamsRecovery.write(instanceDirectory(instance).resolve("streams.properties"),
        StreamsRecovery.settings(instance, streamsOverrides));
    List<String> arguments = List.of("score", "--bootstrap", bootstrap, "--registry", registry.toString(),
        "--state-dir", instanceDirectory(instance).resolve("state").toString(), "--http-port", Integer.toString(httpPort),
        "--kafka-config", config.toString());
    URI base = URI.create("http://" + DrillProcesses.HOST + ":" + httpPort);
    return new Scorer(processes.start(instance, processes.argus(STREAMS_JVM, arguments),
        readiness("score", base.resolve("/health"))), base);
  }

  /** A scorer process and the base URL of its HTTP API. */
  record Scorer(ManagedProcess process, URI url) {
  }

  /** The forecaster with the demo's hourly steps: the drill's event time, like the demo's, runs ahead of the clock. */
  ManagedProcess forecaster() {
    List<String> arguments = List.of("forecast", "--bootstrap", bootstrap, "--step", "1h", "--horizon", "6h",
        "--period", "1d", "--history", "7d", "--lateness", "1h", "--retrain-every", "1d");
    return processes.start("forecaster", processes.argus(SMALL_JVM, arguments), readiness("forecast", null));
  }

  ManagedProcess dashboard(URI scorer) {
    List<String> arguments = new ArrayList<>(List.of("dashboard", "--bootstrap", bootstrap, "--port",
        Integer.toString(ports.next()), "--scorer-url", scorer.toString()));
    return processes.start("dashboard", processes.argus(SMALL_JVM, arguments), readiness("dashboard", null));
  }

  private Path instanceDirectory(String instance) {
    return processes.workDir().resolve(instance);
  }
}
