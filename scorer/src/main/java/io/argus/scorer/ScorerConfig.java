package io.argus.scorer;

import io.argus.scorer.explain.ExplainerConfig;
import java.time.Duration;

/**
 * What the scorer decides and how (Kafka Streams settings are properties, see {@link ScoringTopology#config}).
 *
 * @param deduplicationRetention how long a scored transaction id is remembered, so that a replayed feature vector
 *     is not scored twice
 * @param httpPort the port of {@code POST /score} and {@code GET /metrics} (0: a free port)
 * @param httpThreads threads serving HTTP requests, each with its own copy of the model
 */
public record ScorerConfig(
    DecisionThresholds thresholds, ExplainerConfig explainer, Duration deduplicationRetention, int httpPort,
    int httpThreads) {

  public static final Duration DEFAULT_DEDUPLICATION_RETENTION = Duration.ofHours(24);
  public static final int DEFAULT_HTTP_PORT = 8081;
  public static final int DEFAULT_HTTP_THREADS = 2;
  public static final ScorerConfig DEFAULTS = new ScorerConfig(DecisionThresholds.DEFAULTS, ExplainerConfig.DEFAULTS,
      DEFAULT_DEDUPLICATION_RETENTION, DEFAULT_HTTP_PORT, DEFAULT_HTTP_THREADS);

  public ScorerConfig {
    if (deduplicationRetention.isNegative() || deduplicationRetention.toMinutes() < 1) {
      throw new IllegalArgumentException("the deduplication retention must be at least a minute, got "
          + deduplicationRetention);
    }
    if (httpPort < 0 || httpPort > 65_535) {
      throw new IllegalArgumentException("the HTTP port must be between 0 and 65535, got " + httpPort);
    }
    if (httpThreads < 1) {
      throw new IllegalArgumentException("at least one HTTP thread is needed, got " + httpThreads);
    }
  }
}
