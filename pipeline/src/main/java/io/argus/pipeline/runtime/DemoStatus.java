package io.argus.pipeline.runtime;

import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's one status line, from the demo's own counters: the wall clock, the simulation's event time, transactions
 * validated and scored per second since the previous line, the lag (validated, not yet scored), fraud alerts, raw
 * records the validator rejected, the serving model, and the retraining: the epoch it is training, or its last
 * decision. It is also the
 * {@link ProgressListener} retraining reports its epochs to, passing them on to another listener.
 *
 * <pre>
 * 14:02:11 | event 2026-11-02 14:00Z | in 201/s | scored 199/s | lag 12 | alerts 45 | rejected 3 | model lstm v1 | retraining lstm skipped: ...
 * </pre>
 */
final class DemoStatus implements ProgressListener {

  private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
      .withZone(ZoneOffset.UTC);

  /** What the line is read from: the runtime's roles, fakes in tests. */
  interface Counters {
    long validated();

    long deadLettered();

    long scored();

    long alerts();

    /** The serving model's name and version; empty before the scorer adopted one. */
    Optional<String> model();

    Instant eventTime();

    /** The retraining scheduler's last decision; empty before the first. */
    Optional<String> retrainingDecision();
  }

  private final Counters counters;
  private final ProgressListener passOn;
  private final DateTimeFormatter clock;
  private long lastNanos;
  private long lastValidated;
  private long lastScored;
  private volatile String training;

  /** @param zone the time zone of the wall clock shown (the log's: the system's) */
  DemoStatus(Counters counters, ProgressListener passOn, long startNanos, ZoneId zone) {
    this.counters = counters;
    this.passOn = passOn;
    this.clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    this.lastNanos = startNanos;
  }

  /** The line at {@code nowNanos} (rates since the previous line), the wall clock reading {@code now}. */
  synchronized String line(long nowNanos, Instant now) {
    long validated = counters.validated();
    long scored = counters.scored();
    double seconds = Math.max(1e-3, (nowNanos - lastNanos) / 1e9);
    String line = String.format(Locale.ROOT,
        "%s | event %s | in %,.0f/s | scored %,.0f/s | lag %,d | alerts %,d | rejected %,d | model %s | %s",
        clock.format(now), EVENT_TIME.format(counters.eventTime()), (validated - lastValidated) / seconds,
        (scored - lastScored) / seconds, Math.max(0, validated - scored), counters.alerts(), counters.deadLettered(),
        counters.model().orElse("none yet"), retraining());
    lastNanos = nowNanos;
    lastValidated = validated;
    lastScored = scored;
    return line;
  }

  private String retraining() {
    String now = training;
    if (now != null) {
      return now;
    }
    return counters.retrainingDecision().orElse("retraining: nothing decided yet");
  }

  @Override
  public Progress start(String label, long total, String unit) {
    Progress passed = passOn.start(label, total, unit);
    training = "retraining: " + label;
    return new Progress() {
      private long done;

      @Override
      public void step(long count) {
        done += count;
        training = total > 0 ? String.format(Locale.ROOT, "retraining: %s %.0f%%", label, 100.0 * done / total)
            : "retraining: " + label;
        passed.step(count);
      }

      @Override
      public void status(String text) {
        passed.status(text);
      }

      @Override
      public void close() {
        training = null;
        passed.close();
      }
    };
  }
}
