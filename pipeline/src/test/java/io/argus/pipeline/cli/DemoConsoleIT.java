package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argus demo} as a user runs it: the packaged jar in a child process, its console a file (not a terminal), for
 * about half a minute, then stopped as by Ctrl-C (SIGTERM, the same shutdown hook). The console holds the summary
 * (naming the log file), plain status lines and no line of a third party's WARN or INFO; the log file holds the
 * third parties' warnings and Argus's INFO lines.
 */
class DemoConsoleIT {

  private static final Path JAR = Path.of("target", "argus.jar");
  private static final Duration READY_WAIT = Duration.ofSeconds(180);
  private static final Duration STOP_WAIT = Duration.ofSeconds(90);
  private static final int STATUS_LINES = 3;
  /** A console log line: time, level, the logger's simple name. */
  private static final Pattern CONSOLE_LOG_LINE = Pattern.compile(
      "^\\d\\d:\\d\\d:\\d\\d (TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\s+(\\S+) - .*");
  /** A log file line: date, time, level, the logger's full name, the thread. */
  private static final Pattern FILE_LOG_LINE = Pattern.compile(
      "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\s+(\\S+) \\[.*");
  private static final Pattern STATUS_LINE = Pattern.compile(
      "^\\d\\d:\\d\\d:\\d\\d \\| event \\S+ \\S+ \\| in [\\d,]+/s \\| scored [\\d,]+/s \\| lag [\\d,]+ \\| alerts [\\d,]+ "
          + "\\| rejected [\\d,]+ \\| model .+ \\| .+");

  @TempDir
  Path temp;

  @Test
  void shouldShowTheSummaryAStatusLineAndOnlyRealProblemsAndLogTheRestToTheDataDirectory() throws Exception {
    assertThat(JAR).as("the packaged jar (mvn package runs before the integration tests)").isRegularFile();
    Path data = temp.resolve("demo");
    Path out = temp.resolve("stdout.txt");
    Path err = temp.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx1536m", "-XX:+UseSerialGC", "-jar", JAR.toString(), "demo", "--customers", "300",
        "--terminals", "600", "--history-days", "4", "--tps", "500", "--port", "0", "--scorer-port", "0",
        "--data-dir", data.toString(), "--status-every", "2s")
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("ARGUS_TOKEN_KEY");
    builder.environment().put("OMP_NUM_THREADS", "1");
    Process demo = builder.start();
    try {
      awaitLines(out, lines -> lines.stream().anyMatch(line -> line.startsWith("Argus demo ready")), READY_WAIT,
          demo);
      awaitLines(out, lines -> statusLines(lines).size() >= STATUS_LINES, Duration.ofSeconds(60), demo);
    } finally {
      demo.destroy();
      if (!demo.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }

    List<String> stdout = Files.readAllLines(out);
    List<String> stderr = Files.readAllLines(err);
    Path logFile = data.resolve("logs").resolve("argus.log");
    assertThat(stdout).contains("  log         " + logFile.toAbsolutePath()
        + "  (everything; here only the status line, Argus's warnings and any error)");
    assertThat(stdout.get(0)).isEqualTo("argus demo: starting in " + data.toAbsolutePath() + "; the log goes to "
        + logFile.toAbsolutePath());
    assertThat(statusLines(stdout)).hasSizeGreaterThanOrEqualTo(STATUS_LINES)
        .allSatisfy(line -> assertThat(line).matches(STATUS_LINE));
    assertThat(stdout).last().asString().startsWith("demo stopped;");

    Map<String, String> fileLoggers = loggersInFile(logFile);
    Set<String> thirdParty = fileLoggers.entrySet().stream().filter(entry -> !entry.getValue().startsWith("io.argus"))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    assertThat(Files.readAllLines(logFile)).as("the file holds the third parties' warnings")
        .anyMatch(line -> line.contains(" WARN  org.apache.kafka.") || line.contains(" WARN  org.apache.flink."))
        .anyMatch(line -> line.contains(" INFO  io.argus.scorer."));
    List<String> console = new ArrayList<>(stdout);
    console.addAll(stderr);
    assertThat(console).as("no third party's WARN or INFO on the console").noneMatch(line -> {
      Matcher log = CONSOLE_LOG_LINE.matcher(line);
      return log.matches() && !log.group(1).equals("ERROR") && !log.group(1).equals("FATAL")
          && thirdParty.contains(log.group(2));
    });
    assertThat(console).as("Argus's own INFO stays in the file").noneMatch(line -> {
      Matcher log = CONSOLE_LOG_LINE.matcher(line);
      return log.matches() && log.group(1).equals("INFO");
    });
    assertThat(stderr).as("Log4j never falls back to printing on its own").noneMatch(line -> line.contains(
        "SimpleLogger"));
  }

  private static List<String> statusLines(List<String> lines) {
    return lines.stream().filter(line -> line.contains(" | event ")).toList();
  }

  /** Simple logger name to full name, for every logger in the log file. */
  private static Map<String, String> loggersInFile(Path logFile) throws IOException {
    Map<String, String> loggers = new HashMap<>();
    for (String line : Files.readAllLines(logFile)) {
      Matcher log = FILE_LOG_LINE.matcher(line);
      if (log.matches()) {
        String name = log.group(2);
        loggers.put(name.substring(name.lastIndexOf('.') + 1), name);
      }
    }
    return loggers;
  }

  private static void awaitLines(Path file, Predicate<List<String>> condition, Duration timeout, Process process)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(Files.readAllLines(file))) {
      if (!process.isAlive()) {
        throw new AssertionError("argus demo exited with " + process.exitValue() + ":\n" + Files.readString(file));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + "; the console so far:\n" + Files.readString(file));
      }
      Thread.sleep(500);
    }
  }
}
