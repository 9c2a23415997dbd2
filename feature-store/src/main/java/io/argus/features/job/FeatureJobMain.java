package io.argus.features.job;

import io.argus.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point on a Flink cluster: the live feature job from Kafka, with the options of {@code argus features}.
 *
 * <pre>
 * flink run -c io.argus.features.job.FeatureJobMain argus-feature-store.jar \
 *     --bootstrap kafka:9092 --offline-dir s3://bucket/argus/offline [--kafka-config /etc/argus/features.properties] \
 *     [--group-id argus-features] [--out-of-orderness 200ms] [--allowed-lateness 1min] [--idle-timeout 1s]
 *     [--state-backend rocksdb] [--checkpoint-dir s3://bucket/argus/checkpoints] [--parallelism 4] ...
 * </pre>
 *
 * Every option except {@code --bootstrap}, {@code --kafka-config}, {@code --offline-dir} and {@code --group-id} is a
 * {@link FeatureJobConfig.Key} property. {@code --kafka-config} is the client properties file of every role
 * ({@link KafkaSettings}), read and checked where this main runs; its config provider references (such as
 * {@code ${env:ARGUS_KAFKA_PASSWORD}}) travel unresolved in the job and are resolved in each task, so the variables
 * must be set there too.
 */
public final class FeatureJobMain {

  private FeatureJobMain() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String offlineDir = required(options, "offline-dir");
    String groupId = options.getOrDefault("group-id", FeatureKafka.DEFAULT_GROUP_ID);
    String kafkaConfig = options.get("kafka-config");
    KafkaSettings kafka = KafkaSettings.load(options.get("bootstrap"), kafkaConfig == null ? null
        : Path.of(kafkaConfig));
    options.keySet().removeAll(List.of("bootstrap", "kafka-config", "offline-dir", "group-id"));
    FeatureJobConfig config = FeatureJobConfig.from(options);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FeatureJob.config(new Configuration(), config));
    FeatureKafka.Wiring wiring = FeatureKafka.wiring(kafka, groupId, offlineDir);
    FeatureJob.build(env, wiring.sources(), wiring.sinks(), config);
    env.execute("argus features");
  }

  /** {@code --name value} pairs. */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
