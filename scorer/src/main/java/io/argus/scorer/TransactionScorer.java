package io.argus.scorer;

import io.argus.avro.Decision;
import io.argus.model.ModelInput;
import io.argus.scorer.explain.Explanation;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.model.ModelSession;
import io.argus.scorer.model.ServingModel;

/**
 * Scores one transaction with the current champion and explains it when the score reaches the explain threshold,
 * timing both steps. The stream processor and the HTTP endpoint both score through it. Not thread-safe: it holds
 * its thread's copy of the network ({@link ModelSession}).
 */
public final class TransactionScorer {

  private final ModelSession session;
  private final DecisionThresholds thresholds;

  public TransactionScorer(ModelHolder holder, DecisionThresholds thresholds) {
    this.session = new ModelSession(holder);
    this.thresholds = thresholds;
  }

  /**
   * @param explanation {@code null} below the explain threshold
   * @param explainNanos -1 when not explained
   */
  public record Result(double score, Decision decision, boolean alert, Explanation explanation, String modelName,
      String modelVersion, long modelNanos, long explainNanos) {
  }

  /** @throws IllegalStateException before the first model is adopted */
  public Result score(ModelInput input) {
    session.refresh();
    ServingModel serving = session.serving();
    long started = System.nanoTime();
    double score = session.model().score(input);
    long scored = System.nanoTime();
    Explanation explanation = null;
    long explainNanos = -1;
    if (thresholds.explains(score)) {
      explanation = serving.explainer().explain(session.model(), serving.background(), input);
      explainNanos = System.nanoTime() - scored;
    }
    return new Result(score, thresholds.decide(score), thresholds.alerts(score), explanation, serving.name(),
        serving.version(), scored - started, explainNanos);
  }
}
