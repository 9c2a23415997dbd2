package io.argus.scorer;

import io.argus.avro.Decision;
import io.argus.model.ModelInput;
import io.argus.scorer.explain.Explanation;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.model.ModelSession;
import io.argus.scorer.model.ServingModel;
import io.argus.scorer.rules.DecisionOrder;
import io.argus.scorer.rules.RuleFacts;
import io.argus.scorer.rules.RuleHit;
import io.argus.scorer.rules.RuleHolder;
import io.argus.scorer.rules.RuleOutcome;
import io.argus.scorer.rules.RuleSet;
import io.argus.scorer.rules.TransactionFields;
import java.util.List;

/**
 * Scores one transaction with the current champion, evaluates the rules in force against it and combines both into
 * the decision ({@link DecisionOrder}), and, for {@code POST /score}, explains it when the score reaches the explain
 * threshold or the transaction raises an alert, timing the model and the explanation. The stream processor and the
 * HTTP endpoint both score through it; the stream scores only ({@link #scoreOnly}) and has alerts explained off its
 * thread. Not thread-safe: it holds its thread's copy of the network ({@link ModelSession}).
 */
public final class TransactionScorer {

  private final ModelSession session;
  private final DecisionThresholds thresholds;
  private final RuleHolder rules;

  public TransactionScorer(ModelHolder holder, DecisionThresholds thresholds, RuleHolder rules) {
    this.session = new ModelSession(holder);
    this.thresholds = thresholds;
    this.rules = rules;
  }

  /**
   * @param decision the model's and the rules' decision together
   * @param alert whether the transaction raises a fraud alert (the model's, or a REVIEW or DECLINE rule's)
   * @param explanation {@code null} below the explain threshold when no alert is raised
   * @param explainNanos -1 when not explained
   * @param rules what the model alone decided, and the rules that fired
   */
  public record Result(double score, Decision decision, boolean alert, Explanation explanation, String modelName,
      String modelVersion, long modelNanos, long explainNanos, RuleOutcome rules) {
  }

  /**
   * Scores, decides with the rules, and explains at or above the explain threshold or when alerting.
   *
   * @throws IllegalStateException before the first model is adopted
   */
  public Result score(ModelInput input, TransactionFields fields) {
    return score(input, fields, true);
  }

  /**
   * Scores and decides with the rules without explaining ({@code explanation} null, {@code explainNanos} -1).
   *
   * @throws IllegalStateException before the first model is adopted
   */
  public Result scoreOnly(ModelInput input, TransactionFields fields) {
    return score(input, fields, false);
  }

  /** The model the last score came from. */
  public ServingModel serving() {
    return session.serving();
  }

  private Result score(ModelInput input, TransactionFields fields, boolean explain) {
    session.refresh();
    ServingModel serving = session.serving();
    long started = System.nanoTime();
    double score = session.model().score(input);
    long scored = System.nanoTime();
    RuleOutcome outcome = decide(score, input, fields);
    Explanation explanation = null;
    long explainNanos = -1;
    if (explain && (thresholds.explains(score) || outcome.alert())) {
      long explaining = System.nanoTime();
      explanation = serving.explainer().explain(session.model(), serving.background(), input);
      explainNanos = System.nanoTime() - explaining;
    }
    return new Result(score, outcome.decision(), outcome.alert(), explanation, serving.name(), serving.version(),
        scored - started, explainNanos, outcome);
  }

  private RuleOutcome decide(double score, ModelInput input, TransactionFields fields) {
    Decision modelDecision = thresholds.decide(score);
    boolean modelAlert = thresholds.alerts(score);
    RuleSet inForce = rules.current();
    if (inForce.isEmpty()) {
      return RuleOutcome.modelOnly(modelDecision, modelAlert);
    }
    List<RuleHit> fired = inForce.evaluate(new RuleFacts(rules.variables(), fields, input, score), rules.listener());
    return DecisionOrder.decide(modelDecision, modelAlert, fired);
  }
}
