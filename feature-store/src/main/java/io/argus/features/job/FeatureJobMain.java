package io.argus.features.job;

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
 *     --bootstrap kafka:9092 --offline-dir s3://bucket/argus/offline \
 *     [--group-id argus-features] [--out-of-orderness 200ms] [--allowed-lateness 1min] [--idle-timeout 1s]
 *     [--state-backend rocksdb] [--checkpoint-dir s3://bucket/argus/checkpoints] [--parallelism 4] ...
 * </pre>
 *
 * Every option except {@code --bootstrap}, {@code --offline-dir} and {@code --group-id} is a
 * {@link FeatureJobConfig.Key} property.
 */
public final class FeatureJobMain {

  private FeatureJobMain() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String bootstrap = required(options, "bootstrap");
    String offlineDir = required(options, "offline-dir");
    String groupId = options.getOrDefault("group-id", "argus-features");
    options.keySet().removeAll(List.of("bootstrap", "offline-dir", "group-id"));
    FeatureJobConfig config = FeatureJobConfig.from(options);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FeatureJob.config(new Configuration(), config));
    FeatureJob.build(env, FeatureKafka.sources(bootstrap, groupId),
        new FeatureJob.Sinks(FeatureKafka.featuresSink(bootstrap), OfflineSinks.features(offlineDir),
            OfflineSinks.labels(offlineDir), FeatureKafka.deadLetterSink(bootstrap), OfflineSinks.skew(offlineDir)),
        config);
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
