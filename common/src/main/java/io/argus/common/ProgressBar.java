package io.argus.common;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A progress bar that library code draws itself on standard error: a redrawn bar with rate and ETA on a terminal,
 * plain periodic lines otherwise.
 *
 * @deprecated Library code reports progress to a {@link ProgressListener} and the command line draws it (its
 *     {@code ConsoleProgress}). Only the forecasting code still draws this bar, until it is converted; then this
 *     class goes.
 */
@Deprecated(forRemoval = true)
public final class ProgressBar implements AutoCloseable {

  private static final int WIDTH = 30;
  private static final long TERMINAL_REDRAW_NANOS = Duration.ofMillis(200).toNanos();
  private static final long PLAIN_LINE_NANOS = Duration.ofSeconds(10).toNanos();

  private final String label;
  private final long total;
  private final String unit;
  private final PrintStream out;
  private final boolean terminal;
  private final long startNanos;
  private long done;
  private long lastPrintNanos;
  private String suffix = "";

  ProgressBar(String label, long total, String unit, PrintStream out, boolean terminal, long startNanos) {
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.out = out;
    this.terminal = terminal;
    this.startNanos = startNanos;
    this.lastPrintNanos = startNanos;
  }

  /**
   * A bar on standard error; {@code total} 0 or less when unknown (then no ETA). A terminal is detected from
   * {@link System#console()} and the {@code CI} environment variable.
   */
  public static ProgressBar start(String label, long total, String unit) {
    boolean terminal = System.console() != null && System.getenv("CI") == null;
    return new ProgressBar(label, total, unit, System.err, terminal, System.nanoTime());
  }

  /** Adds {@code count} units of done work. */
  public void step(long count) {
    done += count;
    long now = System.nanoTime();
    if (now - lastPrintNanos >= (terminal ? TERMINAL_REDRAW_NANOS : PLAIN_LINE_NANOS)) {
      lastPrintNanos = now;
      print(now, false);
    }
  }

  /** Extra text after the figures, for example {@code loss 0.231 val AP 0.61}. */
  public void suffix(String text) {
    this.suffix = text == null ? "" : text;
  }

  public long done() {
    return done;
  }

  /** Prints the final line. */
  @Override
  public void close() {
    print(System.nanoTime(), true);
  }

  String render(long nowNanos) {
    double seconds = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
    double rate = done / seconds;
    StringBuilder line = new StringBuilder(label).append(' ');
    if (total > 0) {
      double fraction = Math.min(1.0, (double) done / total);
      int filled = (int) Math.round(fraction * WIDTH);
      line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
          .append(String.format(Locale.ROOT, "%5.1f%% %,d/%,d %s", fraction * 100, done, total, unit));
    } else {
      line.append(String.format(Locale.ROOT, "%,d %s", done, unit));
    }
    line.append(String.format(Locale.ROOT, " | %,.0f %s/s | elapsed %s", rate, unit, format(seconds)));
    if (total > 0 && rate > 0 && done < total) {
      line.append(" | ETA ").append(format((total - done) / rate));
    }
    if (!suffix.isEmpty()) {
      line.append(" | ").append(suffix);
    }
    return line.toString();
  }

  private void print(long nowNanos, boolean last) {
    String line = render(nowNanos);
    if (terminal) {
      out.print("\r" + line + (last ? System.lineSeparator() : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  private static String format(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : String.format(Locale.ROOT, "%ds", s);
  }
}
