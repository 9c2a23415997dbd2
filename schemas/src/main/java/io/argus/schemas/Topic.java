package io.argus.schemas;

import java.time.Duration;
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

  public Topic {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, got " + partitions);
    }
  }

  /** The topic configuration to create it with. */
  public Map<String, String> configs() {
    return retention == null
        ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.value())
        : Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.value(),
            TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
  }
}
