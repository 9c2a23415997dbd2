package io.argus.pipeline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code argus} command in a JVM of its own, as a user or a script starts it, with the production logging
 * configuration ({@code log4j2.xml}: INFO of Argus and WARN of the libraries to standard error): its standard output
 * and error are read line by line, so that a test can wait for the ready line and read what the console showed.
 */
final class ArgusProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();

  private ArgusProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    read(process.getInputStream(), out, name + "-out");
    read(process.getErrorStream(), err, name + "-err");
  }

  /**
   * Starts {@code argus args...}; {@code environment} is laid over this JVM's (a {@code null} value removes a
   * variable).
   */
  static ArgusProcess start(String name, Path workingDirectory, Map<String, String> environment, String... args)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
        "-Dlog4j2.configurationFile=log4j2.xml", "-cp", System.getProperty("java.class.path"),
        ArgusCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    builder.environment().put("OMP_NUM_THREADS", "1");
    environment.forEach((variable, value) -> {
      if (value == null) {
        builder.environment().remove(variable);
      } else {
        builder.environment().put(variable, value);
      }
    });
    return new ArgusProcess(name, builder.start());
  }

  /** The first group of the first standard-output line that matches {@code line}, waiting up to {@code timeout}. */
  Optional<String> awaitLine(Pattern line, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String printed : out) {
        Matcher matcher = line.matcher(printed);
        if (matcher.matches()) {
          return Optional.of(matcher.groupCount() > 0 ? matcher.group(1) : printed);
        }
      }
      if (!process.isAlive()) {
        Thread.sleep(200); // the readers may still be draining the last lines
        return out.stream().map(line::matcher).filter(Matcher::matches).findFirst()
            .map(matcher -> matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }

  /** The exit status, waiting up to {@code timeout}; -1 if it is still running. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    Thread.sleep(200);
    return process.exitValue();
  }

  List<String> out() {
    return List.copyOf(out);
  }

  List<String> err() {
    return List.copyOf(err);
  }

  /** For an assertion's description: what the process printed. */
  String transcript() {
    return name + " stdout:\n" + String.join("\n", out) + "\n" + name + " stderr:\n" + String.join("\n", err);
  }

  /** Asks it to stop (SIGTERM, as Ctrl-C does), then ends it if it has not within a minute. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static void read(InputStream stream, List<String> lines, String threadName) {
    Thread reader = new Thread(() -> {
      try (BufferedReader input = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = input.readLine(); line != null; line = input.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("(reading failed: " + e.getMessage() + ")");
      }
    }, threadName);
    reader.setDaemon(true);
    reader.start();
  }
}
