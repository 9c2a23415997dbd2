package io.argus.ingestion.validation;

import io.argus.avro.RejectReason;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Counts of validation outcomes at one moment: validated, and rejected per reason (reasons never seen are absent).
 * {@code total() = validated + rejected()} is what reconciles with the records read.
 */
public record ValidationCounts(long validated, Map<RejectReason, Long> rejectedByReason) {

  public ValidationCounts {
    rejectedByReason = Map.copyOf(rejectedByReason);
  }

  public long rejected() {
    return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  public long total() {
    return validated + rejected();
  }

  /** One line for a log: {@code validated=10 rejected=2 (NOT_JSON=1, DUPLICATE=1)}. */
  public String summary() {
    String reasons = rejectedByReason.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining(", "));
    return "validated=" + validated + " rejected=" + rejected() + (reasons.isEmpty() ? "" : " (" + reasons + ")");
  }
}
