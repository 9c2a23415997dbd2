package io.argus.scorer;

import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.model.ArtifactModelLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A scorer in a JVM of its own, for {@link ScorerCrashIT} to kill without warning. Arguments: bootstrap servers,
 * registry directory, state directory, application id, alert threshold (which is also the review, decline and explain
 * threshold), processing guarantee. Alerts carry every group's contribution. Runs until the process is killed.
 */
public final class ScorerProcess {

  /** More contributions than any layout has groups: an alert carries them all, so they add up to its score. */
  static final int ALL_CONTRIBUTIONS = 64;

  private ScorerProcess() {
  }

  public static void main(String[] args) throws InterruptedException {
    Properties settings = new Properties();
    settings.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, args[3]);
    settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, args[5]);
    // a killed member's partitions move to the restarted one after this, not after the 45 s default
    settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
    settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_500);
    double alert = Double.parseDouble(args[4]);
    ExplainerConfig defaults = ExplainerConfig.DEFAULTS;
    ExplainerConfig explainer = new ExplainerConfig(defaults.exactMaxGroups(), defaults.kernelSamples(),
        defaults.individualEvents(), defaults.evaluationBudget(), ALL_CONTRIBUTIONS);
    ScorerConfig config = new ScorerConfig(new DecisionThresholds(alert, alert, alert, alert), explainer,
        ScorerConfig.DEFAULT_DEDUPLICATION_RETENTION, 0, 1, 1, ScorerConfig.DEFAULTS.explainQueue());
    Scorer.start(args[0], settings, config, new ArtifactModelLoader(Path.of(args[1])), Clock.systemUTC());
    Thread.currentThread().join();
  }
}
