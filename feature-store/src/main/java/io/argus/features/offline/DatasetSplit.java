package io.argus.features.offline;

import java.time.Instant;
import java.util.List;

/**
 * Train, validation and test examples for one evaluation protocol, in event-time order, each labelled with what
 * was known at its window's cut-off. The test examples already exclude, on each test day, the customers known to be
 * compromised (the handbook's protocol).
 */
public record DatasetSplit(
    List<LabeledVector> train, List<LabeledVector> validation, List<LabeledVector> test,
    Window trainWindow, Window validationWindow, Window testWindow) {

  /** A half-open event-time window {@code [from, to)}. */
  public record Window(Instant from, Instant to) {
    public boolean contains(Instant time) {
      return !time.isBefore(from) && time.isBefore(to);
    }
  }
}
