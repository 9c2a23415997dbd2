package io.argus.scorer;

import io.argus.scorer.model.ArtifactModelLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A scorer in a JVM of its own, for {@link ExactlyOnceIT} to kill without warning. Arguments: bootstrap servers,
 * registry directory, state directory, application id. Runs until the process is killed.
 */
public final class ScorerProcess {

  private ScorerProcess() {
  }

  public static void main(String[] args) throws InterruptedException {
    Properties settings = new Properties();
    settings.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, args[3]);
    // a killed member's partitions move to the restarted one after this, not after the 45 s default
    settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
    settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_500);
    ScorerConfig config = new ScorerConfig(DecisionThresholds.DEFAULTS, ScorerConfig.DEFAULTS.explainer(),
        ScorerConfig.DEFAULT_DEDUPLICATION_RETENTION, 0, 1);
    Scorer.start(args[0], settings, config, new ArtifactModelLoader(Path.of(args[1])), Clock.systemUTC());
    Thread.currentThread().join();
  }
}
