package io.argus.ingestion.validation;

import io.argus.avro.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what validation decided, for logs, metrics and reconciliation tables: records validated and records
 * rejected per reason. Thread-safe; cheap to update per record. In a Kafka Streams app, a task that runs again after
 * a crash counts its records again: the topics are the source of truth, these counters the live view.
 */
public final class ValidationCounters {

  private final LongAdder validated = new LongAdder();
  private final LongAdder replays = new LongAdder();
  private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);

  public ValidationCounters() {
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, new LongAdder());
    }
  }

  /** Counts one result. */
  public void count(ValidationResult result) {
    if (result.isAccepted()) {
      validated.increment();
    } else {
      rejected(result.rejection().getReason());
    }
  }

  public void validated() {
    validated.increment();
  }

  public void rejected(RejectReason reason) {
    rejected.get(reason).increment();
  }

  /**
   * Counts a record that the validator's at-least-once first stage wrote again after a crash and its second stage
   * dropped: not an outcome (its first copy had one), so not in {@link #snapshot()}.
   */
  public void replayed() {
    replays.increment();
  }

  /** The replays dropped so far ({@link #replayed()}). */
  public long replays() {
    return replays.sum();
  }

  /** The counts at this moment. */
  public ValidationCounts snapshot() {
    Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
    rejected.forEach((reason, count) -> {
      long value = count.sum();
      if (value > 0) {
        byReason.put(reason, value);
      }
    });
    return new ValidationCounts(validated.sum(), byReason);
  }
}
