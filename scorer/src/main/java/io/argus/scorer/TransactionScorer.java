package io.argus.scorer;

import io.argus.avro.Decision;
import io.argus.model.ModelInput;
import io.argus.scorer.explain.Explanation;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.model.ModelSession;
import io.argus.scorer.model.ServingModel;

/**
 * Scores one transaction with the current champion and, for {@code POST /score}, explains it when the score reaches
 * the explain threshold, timing both steps. The stream processor and the HTTP endpoint both score through it; the
 * stream scores only ({@link #scoreOnly}) and has alerts explained off its thread. Not thread-safe: it holds its
 * thread's copy of the network ({@link ModelSession}).
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

  /**
   * Scores, and explains at or above the explain threshold.
   *
   * @throws IllegalStateException before the first model is adopted
   */
  public Result score(ModelInput input) {
    return score(input, true);
  }

  /**
   * Scores without explaining ({@code explanation} null, {@code explainNanos} -1).
   *
   * @throws IllegalStateException before the first model is adopted
   */
  public Result scoreOnly(ModelInput input) {
    return score(input, false);
  }

  /** The model the last score came from. */
  public ServingModel serving() {
    return session.serving();
  }

  private Result score(ModelInput input, boolean explain) {
    session.refresh();
    ServingModel serving = session.serving();
    long started = System.nanoTime();
    double score = session.model().score(input);
    long scored = System.nanoTime();
    Explanation explanation = null;
    long explainNanos = -1;
    if (explain && thresholds.explains(score)) {
      explanation = serving.explainer().explain(session.model(), serving.background(), input);
      explainNanos = System.nanoTime() - scored;
    }
    return new Result(score, thresholds.decide(score), thresholds.alerts(score), explanation, serving.name(),
        serving.version(), scored - started, explainNanos);
  }
}
