package io.argus.pipeline.bench;

import io.argus.features.job.FeatureJobConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the benchmark's roles run with when they run in its JVM, over their own defaults: Kafka Streams properties for
 * the validator and the scorer, and the feature job's properties ({@link FeatureJobConfig#from}).
 */
public record RoleSettings(Properties validator, Map<String, String> featureJob, Properties scorer) {

  /** The Streams settings the report names, with their values (or {@code default}). */
  static final List<String> REPORTED_STREAMS_SETTINGS = List.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
      StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, StreamsConfig.POLL_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_CONFIG,
      StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
      StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));

  /** Every role with its own defaults. */
  public static RoleSettings defaults() {
    return new RoleSettings(new Properties(), Map.of(), new Properties());
  }

  /**
   * The feature job's configuration: these properties, parallelism 1 and checkpoints under {@code checkpoints} unless
   * they say otherwise.
   *
   * @throws IllegalArgumentException naming an unknown property or a bad value
   */
  public FeatureJobConfig featureJobConfig(Path checkpoints) {
    Map<String, String> properties = new HashMap<>(featureJob);
    properties.putIfAbsent(FeatureJobConfig.Key.PARALLELISM.property(), "1");
    properties.putIfAbsent(FeatureJobConfig.Key.CHECKPOINT_DIR.property(),
        checkpoints.toAbsolutePath().toUri().toString());
    return FeatureJobConfig.from(properties);
  }

  /** The reported settings of an effective Streams configuration. */
  static Map<String, String> describe(Properties effective) {
    Map<String, String> described = new LinkedHashMap<>();
    for (String key : REPORTED_STREAMS_SETTINGS) {
      Object value = effective.get(key);
      described.put(key, value == null ? "default" : value.toString());
    }
    return described;
  }
}
