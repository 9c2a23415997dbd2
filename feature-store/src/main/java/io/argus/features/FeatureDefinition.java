package io.argus.features;

import java.time.Duration;

/**
 * One feature: its name (the column name everywhere: topic, offline store, CSV export, model artifact), what it
 * describes, over which window, its type, and how a model should normalise it.
 *
 * @param window the look-back window, or {@code null} for a feature of the transaction alone
 * @param delay how far the window is shifted back (the label delay for terminal risk), or {@link Duration#ZERO}
 * @param type what kind of number the feature is (every value travels as a double)
 */
public record FeatureDefinition(
    String name, Entity entity, Duration window, Duration delay, Normalisation normalisation, String description,
    Type type) {

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

  /** What kind of number a feature holds; every value travels as a {@code double}. */
  public enum Type {
    /** 0 or 1. */
    FLAG,
    /** A non-negative whole number (a count). */
    COUNT,
    /** A real number (amounts, ratios, rates, durations in seconds). */
    REAL
  }

  /** A feature of type {@link Type#REAL}. */
  public FeatureDefinition(
      String name, Entity entity, Duration window, Duration delay, Normalisation normalisation, String description) {
    this(name, entity, window, delay, normalisation, description, Type.REAL);
  }

  public FeatureDefinition {
    if (name == null || !name.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("feature name must be UPPER_SNAKE_CASE, got " + name);
    }
    if (delay == null) {
      delay = Duration.ZERO;
    }
    if (type == null) {
      throw new IllegalArgumentException("feature " + name + " needs a type");
    }
  }
}
