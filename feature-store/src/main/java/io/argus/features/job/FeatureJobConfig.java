package io.argus.features.job;

import io.argus.common.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import io.argus.features.FraudV1;
import java.util.Objects;

/**
 * How the feature job treats time and state: the watermark's bound on out-of-orderness, how late an event may
 * still be featured, when an idle input stops holding the watermark back, the latency knobs (watermark interval,
 * network buffer timeout), checkpointing and the state backend. Read from {@code key=value} pairs (flags, a
 * properties file) with {@link #from(Map)}; anything unset keeps its default.
 *
 * @param outOfOrderness events are applied to the exact state in time order once the watermark, this far behind the
 *     newest event, passes them; it must stay below the label delay, so that an event arriving out of order within
 *     it can never fall into the (label-delay-shifted) terminal windows of a transaction served before it
 * @param allowedLateness an event behind the watermark by at most this is still applied at once; a later one is
 *     still served online (when the job serves online) but not stored: its offline side is dead-lettered as
 *     {@code LATE_EVENT}
 * @param idleTimeout an input (a partition, the label stream) without events this long stops holding the watermark
 * @param checkpointDir where checkpoints go (a path or URI); {@code null} keeps them in the job manager's memory
 * @param parallelism the job's parallelism; 0 keeps the environment's
 */
public record FeatureJobConfig(
    Duration outOfOrderness, Duration allowedLateness, Duration idleTimeout, Duration watermarkInterval,
    Duration bufferTimeout, Duration checkpointInterval, StateBackend stateBackend, String checkpointDir,
    int parallelism) {

  public static final FeatureJobConfig DEFAULTS = new FeatureJobConfig(Duration.ofMillis(200), Duration.ofMinutes(1),
      Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(5), Duration.ofSeconds(10),
      StateBackend.HASHMAP, null, 0);

  /** Where keyed state lives: on the heap (fast, bounded by memory) or in RocksDB on local disk. */
  public enum StateBackend {
    HASHMAP, ROCKSDB;

    /** The value of Flink's {@code state.backend.type}. */
    public String flinkName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The property names {@link #from(Map)} reads; each names one component. */
  public enum Key {
    OUT_OF_ORDERNESS("out-of-orderness"), ALLOWED_LATENESS("allowed-lateness"), IDLE_TIMEOUT("idle-timeout"),
    WATERMARK_INTERVAL("watermark-interval"), BUFFER_TIMEOUT("buffer-timeout"),
    CHECKPOINT_INTERVAL("checkpoint-interval"), STATE_BACKEND("state-backend"), CHECKPOINT_DIR("checkpoint-dir"),
    PARALLELISM("parallelism");

    private final String property;

    Key(String property) {
      this.property = property;
    }

    public String property() {
      return property;
    }
  }

  public FeatureJobConfig {
    requireNonNegative(Key.OUT_OF_ORDERNESS, outOfOrderness);
    if (outOfOrderness.compareTo(FraudV1.LABEL_DELAY) >= 0) {
      throw new IllegalArgumentException(Key.OUT_OF_ORDERNESS.property() + " must be less than the label delay ("
          + FraudV1.LABEL_DELAY.toDays() + "d), got " + outOfOrderness + ": a transaction's terminal windows end one"
          + " label delay before it, and no event that may still arrive out of order can be allowed into them");
    }
    requireNonNegative(Key.ALLOWED_LATENESS, allowedLateness);
    requirePositive(Key.IDLE_TIMEOUT, idleTimeout);
    requirePositive(Key.WATERMARK_INTERVAL, watermarkInterval);
    requireNonNegative(Key.BUFFER_TIMEOUT, bufferTimeout);
    requirePositive(Key.CHECKPOINT_INTERVAL, checkpointInterval);
    Objects.requireNonNull(stateBackend, Key.STATE_BACKEND.property());
    if (parallelism < 0) {
      throw new IllegalArgumentException(Key.PARALLELISM.property() + " must be 0 or more, got " + parallelism);
    }
  }

  /**
   * The configuration of these properties, defaults for the rest. Durations are written the Argus way
   * ({@link Durations}): {@code 200ms}, {@code 5s}, {@code 1m}, {@code 7d} or ISO-8601 ({@code PT1M}).
   *
   * @throws IllegalArgumentException naming an unknown property or a value that does not parse
   */
  public static FeatureJobConfig from(Map<String, String> properties) {
    Map<String, String> known = new HashMap<>(properties);
    for (String name : properties.keySet()) {
      if (Arrays.stream(Key.values()).noneMatch(key -> key.property().equals(name))) {
        throw new IllegalArgumentException("unknown feature job property '" + name + "'; known: "
            + Arrays.stream(Key.values()).map(Key::property).toList());
      }
    }
    FeatureJobConfig defaults = DEFAULTS;
    return new FeatureJobConfig(
        duration(known, Key.OUT_OF_ORDERNESS, defaults.outOfOrderness()),
        duration(known, Key.ALLOWED_LATENESS, defaults.allowedLateness()),
        duration(known, Key.IDLE_TIMEOUT, defaults.idleTimeout()),
        duration(known, Key.WATERMARK_INTERVAL, defaults.watermarkInterval()),
        duration(known, Key.BUFFER_TIMEOUT, defaults.bufferTimeout()),
        duration(known, Key.CHECKPOINT_INTERVAL, defaults.checkpointInterval()),
        known.containsKey(Key.STATE_BACKEND.property())
            ? stateBackend(known.get(Key.STATE_BACKEND.property())) : defaults.stateBackend(),
        known.getOrDefault(Key.CHECKPOINT_DIR.property(), defaults.checkpointDir()),
        known.containsKey(Key.PARALLELISM.property())
            ? integer(Key.PARALLELISM, known.get(Key.PARALLELISM.property())) : defaults.parallelism());
  }

  private static Duration duration(Map<String, String> properties, Key key, Duration fallback) {
    String value = properties.get(key.property());
    if (value == null) {
      return fallback;
    }
    return Durations.parse(key.property(), value);
  }

  private static StateBackend stateBackend(String value) {
    try {
      return StateBackend.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(Key.STATE_BACKEND.property() + " must be hashmap or rocksdb, got '"
          + value + "'", e);
    }
  }

  private static int integer(Key key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key.property() + " must be a whole number, got '" + value + "'", e);
    }
  }

  private static void requireNonNegative(Key key, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(key.property() + " must be zero or more, got " + value);
    }
  }

  private static void requirePositive(Key key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key.property() + " must be more than zero, got " + value);
    }
  }
}
