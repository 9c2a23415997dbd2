package io.argus.schemas;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic of Argus: its name, how its keys and values are (de)serialized, and how it is created.
 *
 * @param retention how long records are kept; {@code null} for the broker default
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, CleanupPolicy cleanupPolicy,
    Duration retention) {

  /** Kafka's {@code cleanup.policy}. */
  public enum CleanupPolicy {
    DELETE(TopicConfig.CLEANUP_POLICY_DELETE), COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

    private final String value;

    CleanupPolicy(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  /**
   * How many bytes of records apart the broker indexes offsets (Kafka's default: 4,096). A fetch reads the header of
   * every batch from the indexed position before its offset up to it, each with a {@code pread}, and a reader keeping
   * up fetches the last batch or two: at 1,000 tx/s that reading took 17.9 % of the embedded broker's request thread
   * with the default and 10.6 % with 1,024 (async-profiler, pipeline README), for an index four times as large (8
   * bytes per kilobyte of log).
   */
  public static final int INDEX_INTERVAL_BYTES = 1_024;

  public Topic {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, got " + partitions);
    }
  }

  /**
   * The topic configuration to create it with: its cleanup policy and retention, and an offset index entry every
   * {@value #INDEX_INTERVAL_BYTES} bytes.
   */
  public Map<String, String> configs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.value());
    if (retention != null) {
      configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }
    configs.put(TopicConfig.INDEX_INTERVAL_BYTES_CONFIG, Integer.toString(INDEX_INTERVAL_BYTES));
    return configs;
  }
}
