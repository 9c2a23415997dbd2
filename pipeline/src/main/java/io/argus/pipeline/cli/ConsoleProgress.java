package io.argus.pipeline.cli;

import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How the command line shows long work that the libraries report ({@link ProgressListener}): on a terminal, a bar
 * redrawn in place a few times a second with the rate and the ETA; otherwise (CI logs, pipes) one plain line every
 * ten seconds; and a last line when the work ends.
 *
 * <pre>{@code
 * features [#########.....................]  31.0% 6,204/20,000 KiB | 1,034 KiB/s | elapsed 6s | ETA 13s
 * }</pre>
 */
public final class ConsoleProgress implements ProgressListener {

  private static final int WIDTH = 30;
  private static final long TERMINAL_REDRAW_NANOS = Duration.ofMillis(200).toNanos();
  private static final long PLAIN_LINE_NANOS = Duration.ofSeconds(10).toNanos();

  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanoTime;

  ConsoleProgress(PrintStream out, boolean terminal, LongSupplier nanoTime) {
    this.out = out;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
  }

  /** On standard error; a terminal is detected by {@link #onTerminal()}. */
  public static ConsoleProgress standardError() {
    return new ConsoleProgress(System.err, onTerminal(), System::nanoTime);
  }

  /**
   * Whether the console is a terminal a line can be redrawn on: {@link System#console()} exists (standard input and
   * output are a terminal) and the {@code CI} variable is not set.
   */
  static boolean onTerminal() {
    return System.console() != null && System.getenv("CI") == null;
  }

  @Override
  public Bar start(String label, long total, String unit) {
    return new Bar(label, total, unit, nanoTime.getAsLong());
  }

  /** One piece of work being drawn. */
  public final class Bar implements Progress {

    private final String label;
    private final long total;
    private final String unit;
    private final long startNanos;
    private long done;
    private long lastPrintNanos;
    private String status = "";

    private Bar(String label, long total, String unit, long startNanos) {
      this.label = label;
      this.total = total;
      this.unit = unit;
      this.startNanos = startNanos;
      this.lastPrintNanos = startNanos;
    }

    @Override
    public void step(long count) {
      done += count;
      long now = nanoTime.getAsLong();
      if (now - lastPrintNanos >= (terminal ? TERMINAL_REDRAW_NANOS : PLAIN_LINE_NANOS)) {
        lastPrintNanos = now;
        print(now, false);
      }
    }

    /** Sets the work done so far, for work that is polled rather than stepped. */
    public void advanceTo(long doneSoFar) {
      step(doneSoFar - done);
    }

    @Override
    public void status(String text) {
      this.status = text == null ? "" : text;
    }

    public long done() {
      return done;
    }

    /** Prints the last line. */
    @Override
    public void close() {
      print(nanoTime.getAsLong(), true);
    }

    /** The line as it reads at {@code nowNanos}. */
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
      if (!status.isEmpty()) {
        line.append(" | ").append(status);
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
  }

  private static String format(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : String.format(Locale.ROOT, "%ds", s);
  }
}
