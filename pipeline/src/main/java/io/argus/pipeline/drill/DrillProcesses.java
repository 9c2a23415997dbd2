package io.argus.pipeline.drill;

import io.argus.pipeline.cli.ArgusCommand;
import io.argus.pipeline.process.JavaCommand;
import io.argus.pipeline.process.ManagedProcess;
import io.argus.pipeline.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How the drill starts its processes: every Argus role as {@code java -cp <argus.jar and lib/> ArgusCommand ROLE ...},
 * every Flink process from Flink's own entry point on the Flink classpath, each with its JVM options, one log
 * configuration (written into the work directory: Argus's INFO lines, Kafka Streams' state changes, Flink's job and
 * task-manager lifecycle, the Kafka controller's decisions) and its own log file under {@code logs/}.
 */
final class DrillProcesses {

  static final String HOST = "127.0.0.1";
  static final String KAFKA_PREFIX = "kafka-";
  private static final String LOG_CONFIG = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!-- Written by argus drill for its processes. -->
      <Configuration status="WARN">
        <Appenders>
          <Console name="console" target="SYSTEM_ERR">
            <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n"/>
          </Console>
        </Appenders>
        <Loggers>
          <Logger name="io.argus" level="INFO"/>
          <Logger name="org.apache.kafka.streams.KafkaStreams" level="INFO"/>
          <Logger name="org.apache.kafka.controller" level="INFO"/>
          <Logger name="org.apache.flink.runtime.executiongraph.ExecutionGraph" level="INFO"/>
          <Logger name="org.apache.flink.runtime.jobmaster.JobMaster" level="INFO"/>
          <Logger name="org.apache.flink.runtime.taskexecutor.TaskExecutor" level="INFO"/>
          <Logger name="org.apache.flink.runtime.resourcemanager" level="INFO"/>
          <Logger name="org.apache.flink.runtime.checkpoint.CheckpointCoordinator" level="INFO"/>
          <Logger name="org.apache.flink.runtime.entrypoint" level="INFO"/>
          <Root level="WARN"><AppenderRef ref="console"/></Root>
        </Loggers>
      </Configuration>
      """;

  private final ArgusInstallation installation;
  private final Path workDir;
  private final Path logConfig;
  private final List<ManagedProcess> started = new ArrayList<>();
  private boolean stopped;

  DrillProcesses(ArgusInstallation installation, Path workDir) {
    this.installation = installation;
    this.workDir = workDir;
    this.logConfig = workDir.resolve("log4j2.xml");
    try {
      Files.createDirectories(workDir.resolve("logs"));
      Files.writeString(logConfig, LOG_CONFIG, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + workDir, e);
    }
  }

  /** An Argus role: {@code argus ARGUMENTS...} in a JVM of its own. */
  JavaCommand argus(List<String> jvmOptions, List<String> arguments) {
    return new JavaCommand(installation.argusClasspath(), ArgusCommand.class.getName(), options(jvmOptions),
        arguments, Map.of("OMP_NUM_THREADS", "1"), workDir);
  }

  /** A Flink process from its entry point class, on the Flink classpath. */
  JavaCommand flink(String mainClass, List<String> jvmOptions, List<String> arguments) {
    return new JavaCommand(installation.flinkClasspath(), mainClass, options(jvmOptions), arguments, Map.of(),
        workDir);
  }

  /**
   * Starts a process and remembers it, so that {@link #stopAll} stops it.
   *
   * @throws IllegalStateException once {@link #stopAll} has run
   */
  synchronized ManagedProcess start(String name, JavaCommand command, Readiness readiness) {
    if (stopped) {
      throw new IllegalStateException("the drill is stopping; not starting " + name);
    }
    ManagedProcess process = ManagedProcess.start(name, command, workDir.resolve("logs").resolve(name + ".log"),
        readiness);
    started.add(process);
    return process;
  }

  /** The processes started here that are no longer running: none unless one exited without being killed. */
  synchronized List<ManagedProcess> exited() {
    return started.stream().filter(process -> !process.isAlive()).toList();
  }

  /**
   * Stops every process started here, the last started first ({@code SIGTERM}, {@code SIGKILL} after
   * {@code grace}), the Kafka nodes last and together: a node's controlled shutdown needs the quorum.
   */
  void stopAll(Duration grace) {
    List<ManagedProcess> all;
    synchronized (this) {
      stopped = true;
      all = new ArrayList<>(started);
    }
    Collections.reverse(all);
    List<ManagedProcess> kafka = all.stream().filter(process -> process.name().startsWith(KAFKA_PREFIX)).toList();
    try {
      for (ManagedProcess process : all) {
        if (!kafka.contains(process)) {
          process.stop(grace);
        }
      }
      List<Thread> stopping = kafka.stream().map(node -> new Thread(node::close, "stop-" + node.name())).toList();
      stopping.forEach(Thread::start);
      for (Thread thread : stopping) {
        thread.join(grace.plusSeconds(10).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      all.forEach(ManagedProcess::killWithoutWaiting);
    }
  }

  Path workDir() {
    return workDir;
  }

  ArgusInstallation installation() {
    return installation;
  }

  private List<String> options(List<String> jvmOptions) {
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Dlog4j2.configurationFile=" + logConfig.toAbsolutePath());
    options.add("-Dlog4j.configurationFile=" + logConfig.toAbsolutePath());
    return options;
  }
}
