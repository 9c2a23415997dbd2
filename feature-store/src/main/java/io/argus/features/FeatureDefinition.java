package io.argus.features;

import java.time.Duration;

/**
 * One feature: its name (the column name everywhere: topic, offline store, CSV export, model artifact), what it
 * describes, over which window, and how a model should normalise it.
 *
 * @param window the look-back window, or {@code null} for a feature of the transaction alone
 * @param delay how far the window is shifted back (the label delay for terminal risk), or {@link Duration#ZERO}
 */
public record FeatureDefinition(
    String name, Entity entity, Duration window, Duration delay, Normalisation normalisation, String description) {

  /** What the feature is keyed by. */
  public enum Entity { TRANSACTION, CUSTOMER, CARD, TERMINAL }

  /** How a model normalises the raw value before use; fitted on the training window only. */
  public enum Normalisation {
    /** Used as is (flags, rates already in 0..1). */
    NONE,
    /** (x - mean) / standard deviation. */
    STANDARDIZE,
    /** log(1 + x), then standardised: heavy-tailed amounts, counts and durations. */
    LOG_STANDARDIZE
  }

  public FeatureDefinition {
    if (name == null || !name.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("feature name must be UPPER_SNAKE_CASE, got " + name);
    }
    if (delay == null) {
      delay = Duration.ZERO;
    }
  }
}
