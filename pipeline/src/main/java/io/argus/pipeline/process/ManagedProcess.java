package io.argus.pipeline.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM this process started and looks after: it logs standard output and standard error to one file (each start
 * appends, after a line naming the start and the command), is ready when its {@link Readiness} says so, and can be
 * killed ({@code SIGKILL}: no shutdown hook, no flush), stopped ({@code SIGTERM}, then {@code SIGKILL} after a grace
 * period) and restarted with the same command, on the same directories.
 *
 * <pre>{@code
 * ManagedProcess scorer = ManagedProcess.start("scorer-1", command, workDir.resolve("logs/scorer-1.log"), readiness);
 * scorer.awaitReady(Duration.ofMinutes(2));
 * scorer.kill();
 * scorer.restart();
 * Duration back = scorer.awaitReady(Duration.ofMinutes(2));   // from the restart to ready
 * }</pre>
 */
public final class ManagedProcess implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
  private static final int TAIL_LINES = 15;

  private final String name;
  private final JavaCommand command;
  private final Path logFile;
  private final Readiness readiness;
  private Process process;
  private Instant startedAt;
  private int starts;
  private long readPosition;
  private StringBuilder output = new StringBuilder();

  private ManagedProcess(String name, JavaCommand command, Path logFile, Readiness readiness) {
    this.name = name;
    this.command = command;
    this.logFile = logFile;
    this.readiness = readiness;
  }

  /** Starts {@code command}; {@link #awaitReady} then waits for {@code readiness}. */
  public static ManagedProcess start(String name, JavaCommand command, Path logFile, Readiness readiness) {
    ManagedProcess managed = new ManagedProcess(name, command, logFile, readiness);
    managed.launch();
    return managed;
  }

  /** Starts the same command again; the process must have exited (killed, stopped or failed). */
  public synchronized void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running (pid " + process.pid() + "); stop it first");
    }
    launch();
  }

  private synchronized void launch() {
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      starts++;
      startedAt = Instant.now();
      String marker = "=== " + startedAt + " start " + starts + " of " + name + ": "
          + String.join(" ", command.commandLine()) + System.lineSeparator();
      Files.writeString(logFile, marker, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      readPosition = Files.size(logFile);
      output = new StringBuilder();
      ProcessBuilder builder = new ProcessBuilder(command.commandLine())
          .redirectErrorStream(true)
          .redirectOutput(Redirect.appendTo(logFile.toFile()))
          .redirectInput(Redirect.from(nullDevice()));
      builder.environment().putAll(command.environment());
      if (command.workingDirectory() != null) {
        builder.directory(command.workingDirectory().toFile());
      }
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the process is ready.
   *
   * @return the time from its latest start to ready
   * @throws IllegalStateException when it exits first or is not ready in time, with the last lines of its log
   */
  public Duration awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (ready()) {
        return Duration.between(startedAt(), Instant.now());
      }
      if (!isAlive()) {
        throw new IllegalStateException(name + " exited with status " + process.exitValue() + " before it was ready ("
            + readiness.description() + "); the end of " + logFile + ":" + System.lineSeparator() + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s (waiting for "
            + readiness.description() + "); the end of " + logFile + ":" + System.lineSeparator() + tail());
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Whether the readiness condition holds now. */
  public boolean ready() {
    try {
      return readiness.isReady(this);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** {@code SIGKILL}: the process ends at once, without running its shutdown hooks. Waits until it has exited. */
  public void kill() throws InterruptedException {
    Process current = current();
    current.destroyForcibly();
    current.waitFor();
  }

  /** {@code SIGKILL}, without waiting for the process to exit (for a caller that must not block). */
  public void killWithoutWaiting() {
    current().destroyForcibly();
  }

  /** {@code SIGTERM}, so its shutdown hooks run; {@code SIGKILL} if it has not exited after {@code grace}. */
  public void stop(Duration grace) throws InterruptedException {
    Process current = current();
    if (!current.isAlive()) {
      return;
    }
    current.destroy();
    if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      current.destroyForcibly();
      current.waitFor();
    }
  }

  /** Stops the process with a grace period of 30 s. */
  @Override
  public void close() {
    try {
      stop(DEFAULT_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      current().destroyForcibly();
    }
  }

  public boolean isAlive() {
    return current().isAlive();
  }

  public long pid() {
    return current().pid();
  }

  public String name() {
    return name;
  }

  public JavaCommand command() {
    return command;
  }

  public Path logFile() {
    return logFile;
  }

  /** How many times it was started: 1, then one more per restart. */
  public synchronized int starts() {
    return starts;
  }

  public synchronized Instant startedAt() {
    return startedAt;
  }

  /** Everything the current run has written so far (standard output and standard error, interleaved). */
  public synchronized String output() {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = file.length();
      if (length > readPosition) {
        byte[] bytes = new byte[(int) (length - readPosition)];
        file.seek(readPosition);
        file.readFully(bytes);
        readPosition = length;
        output.append(new String(bytes, StandardCharsets.UTF_8));
      }
      return output.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + logFile, e);
    }
  }

  /** The last lines of the current run's output. */
  public String tail() {
    List<String> lines = output().lines().toList();
    return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
  }

  private synchronized Process current() {
    return process;
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ", log " + logFile + ")";
  }
}
