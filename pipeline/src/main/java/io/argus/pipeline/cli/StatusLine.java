package io.argus.pipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A status line on the console while a command runs until stopped (the demo): on a terminal one line redrawn in place
 * every second, cut to the terminal's width ({@code COLUMNS}, else 120) so it never wraps; otherwise (CI logs, pipes,
 * a file) a plain line every {@code interval}. A log line on the console clears the line first (see
 * {@link LogFile#CLEAR_LINE}), and the next redraw puts the status back under it.
 */
final class StatusLine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatusLine.class);
  private static final Duration TERMINAL_REDRAW = Duration.ofSeconds(1);
  private static final int DEFAULT_COLUMNS = 120;

  private final PrintWriter out;
  private final boolean terminal;
  private final int columns;
  private final Supplier<String> line;
  private final ScheduledExecutorService executor;

  private StatusLine(PrintWriter out, boolean terminal, int columns, Supplier<String> line) {
    this.out = out;
    this.terminal = terminal;
    this.columns = columns;
    this.line = line;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "argus-status-line");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Prints {@code line} every second on a terminal, every {@code interval} otherwise, until closed. */
  static StatusLine start(PrintWriter out, boolean terminal, Duration interval, Supplier<String> line) {
    StatusLine status = new StatusLine(out, terminal, columns(System.getenv("COLUMNS")), line);
    long period = (terminal ? TERMINAL_REDRAW : interval).toMillis();
    status.executor.scheduleAtFixedRate(status::print, period, period, TimeUnit.MILLISECONDS);
    return status;
  }

  /** The terminal's width from {@code COLUMNS}, or {@value #DEFAULT_COLUMNS}. */
  static int columns(String variable) {
    try {
      int columns = variable == null ? DEFAULT_COLUMNS : Integer.parseInt(variable.trim());
      return columns >= 20 ? columns : DEFAULT_COLUMNS;
    } catch (NumberFormatException e) {
      return DEFAULT_COLUMNS;
    }
  }

  /** What one print writes: on a terminal the line cut to the width and drawn over the previous one. */
  static String render(String line, boolean terminal, int columns) {
    if (!terminal) {
      return line + System.lineSeparator();
    }
    return LogFile.CLEAR_LINE + (line.length() < columns ? line : line.substring(0, columns - 4) + "...");
  }

  private void print() {
    try {
      out.print(render(line.get(), terminal, columns));
      out.flush();
    } catch (RuntimeException e) {
      LOG.warn("The status line could not be read: {}", e.toString());
    }
  }

  /** Stops printing; on a terminal the last line stays, followed by a new line. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (terminal) {
      out.println();
      out.flush();
    }
  }
}
