package io.argus.scorer;

import io.argus.scorer.alert.ExplanationPool;
import io.argus.scorer.explain.ExplainerConfig;
import java.time.Duration;

/**
 * What the scorer decides and how (Kafka Streams settings are properties, see {@link ScoringTopology#config}).
 *
 * @param deduplicationRetention how long a scored transaction id is remembered, so that a replayed feature vector
 *     is not scored twice
 * @param httpPort the port of {@code POST /score} and {@code GET /metrics} (0: a free port)
 * @param httpThreads threads serving HTTP requests, each with its own copy of the model
 * @param explainThreads threads explaining alerts off the stream threads, each with its own copy of the model
 * @param explainQueue alerts that may wait for an explanation thread; beyond, the stream thread explains them itself
 */
public record ScorerConfig(
    DecisionThresholds thresholds, ExplainerConfig explainer, Duration deduplicationRetention, int httpPort,
    int httpThreads, int explainThreads, int explainQueue) {

  public static final Duration DEFAULT_DEDUPLICATION_RETENTION = Duration.ofHours(24);
  public static final int DEFAULT_HTTP_PORT = 8081;
  public static final int DEFAULT_HTTP_THREADS = 2;
  public static final ScorerConfig DEFAULTS = new ScorerConfig(DecisionThresholds.DEFAULTS, ExplainerConfig.DEFAULTS,
      DEFAULT_DEDUPLICATION_RETENTION, DEFAULT_HTTP_PORT, DEFAULT_HTTP_THREADS, ExplanationPool.DEFAULT_THREADS,
      ExplanationPool.DEFAULT_QUEUE_CAPACITY);

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
    if (explainThreads < 1) {
      throw new IllegalArgumentException("at least one explanation thread is needed, got " + explainThreads);
    }
    if (explainQueue < 1) {
      throw new IllegalArgumentException("the explanation queue must hold at least one alert, got " + explainQueue);
    }
  }

  /** The default explanation workers ({@link ExplanationPool#DEFAULT_THREADS} behind the default queue). */
  public ScorerConfig(DecisionThresholds thresholds, ExplainerConfig explainer, Duration deduplicationRetention,
      int httpPort, int httpThreads) {
    this(thresholds, explainer, deduplicationRetention, httpPort, httpThreads, ExplanationPool.DEFAULT_THREADS,
        ExplanationPool.DEFAULT_QUEUE_CAPACITY);
  }

  /** The same with {@code threads} explanation threads behind a queue of {@code queue} alerts. */
  public ScorerConfig withExplanationWorkers(int threads, int queue) {
    return new ScorerConfig(thresholds, explainer, deduplicationRetention, httpPort, httpThreads, threads, queue);
  }
}
