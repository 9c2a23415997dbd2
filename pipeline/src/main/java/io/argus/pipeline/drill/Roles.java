package io.argus.pipeline.drill;

import io.argus.pipeline.dashboard.access.PasswordHasher;
import io.argus.pipeline.dashboard.access.Role;
import io.argus.pipeline.dashboard.access.User;
import io.argus.pipeline.process.ManagedProcess;
import io.argus.pipeline.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The Argus roles of the drill, each an {@code argus} subcommand in a JVM of its own: the validator, the scorer
 * instances, the forecaster and the dashboard. Each Kafka Streams instance gets its own persistent state directory
 * and a properties file with its {@link StreamsRecovery} settings.
 *
 * <p>Each role serves {@code /health} and {@code /metrics} on a free port ({@code --ops-port 0}) and is ready once
 * it prints {@code argus ROLE ready ops=http://HOST:PORT}: its health was {@code UP} (Kafka Streams {@code RUNNING};
 * for the scorer, a champion served too; the forecaster's history replayed; the dashboard reading its topics).
 */
final class Roles {

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

  /** The operations port of every role: a free one, named by the role's ready line. */
  private static final List<String> FREE_OPS_PORT = List.of("--ops-port", "0");

  /** Validator instance {@code number} (from 1). */
  ManagedProcess validator(int number, Path tokenKeyFile) {
    String instance = "validator-" + number;
    Path config = StreamsRecovery.write(instanceDirectory(instance).resolve("streams.properties"),
        StreamsRecovery.settings(instance, streamsOverrides));
    List<String> arguments = List.of("validate", "--bootstrap", bootstrap, "--token-key-file", tokenKeyFile.toString(),
        "--state-dir", instanceDirectory(instance).resolve("state").toString(), "--kafka-config", config.toString());
    return processes.start(instance, processes.argus(STREAMS_JVM, withOpsPort(arguments)),
        Readiness.readyLine("validate"));
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
    return new Scorer(processes.start(instance, processes.argus(STREAMS_JVM, withOpsPort(arguments)),
        Readiness.readyLine("score")), base);
  }

  /** A scorer process and the base URL of its HTTP API. */
  record Scorer(ManagedProcess process, URI url) {
  }

  /** The forecaster with the demo's hourly steps: the drill's event time, like the demo's, runs ahead of the clock. */
  ManagedProcess forecaster() {
    List<String> arguments = List.of("forecast", "--bootstrap", bootstrap, "--step", "1h", "--horizon", "6h",
        "--period", "1d", "--history", "7d", "--lateness", "1h", "--retrain-every", "1d");
    return processes.start("forecaster", processes.argus(SMALL_JVM, withOpsPort(arguments)),
        Readiness.readyLine("forecast"));
  }

  /** The dashboard, for one viewer whose random password nobody keeps: the drill only needs it running. */
  ManagedProcess dashboard(URI scorer) {
    Path users = instanceDirectory("dashboard").resolve("dashboard-users");
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    char[] password = Base64.getEncoder().encodeToString(secret).toCharArray();
    try {
      Files.createDirectories(users.getParent());
      Files.writeString(users, new User("drill", Role.VIEWER, new PasswordHasher().hash(password)).line() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dashboard's users file " + users, e);
    } finally {
      PasswordHasher.clear(password);
    }
    List<String> arguments = new ArrayList<>(List.of("dashboard", "--bootstrap", bootstrap, "--port",
        Integer.toString(ports.next()), "--scorer-url", scorer.toString(), "--users", users.toString()));
    return processes.start("dashboard", processes.argus(SMALL_JVM, withOpsPort(arguments)),
        Readiness.readyLine("dashboard"));
  }

  private static List<String> withOpsPort(List<String> arguments) {
    List<String> all = new ArrayList<>(arguments);
    all.addAll(FREE_OPS_PORT);
    return all;
  }

  private Path instanceDirectory(String instance) {
    return processes.workDir().resolve(instance);
  }
}
