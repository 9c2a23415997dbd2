package io.argus.scorer.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import java.util.List;

/**
 * A rule ready to evaluate: the published {@link RiskRule} and its checked CEL program. Immutable and thread-safe:
 * the program keeps no state between evaluations, each of which reads its own {@link RuleFacts}.
 */
public final class CompiledRule {

  private final RiskRule rule;
  private final CelRuntime.Program program;
  private final List<String> names;

  CompiledRule(RiskRule rule, CelRuntime.Program program, List<String> names) {
    this.rule = rule;
    this.program = program;
    this.names = List.copyOf(names);
  }

  public String id() {
    return rule.getId();
  }

  public int version() {
    return rule.getVersion();
  }

  public RuleAction action() {
    return rule.getAction();
  }

  public RiskRule rule() {
    return rule;
  }

  /** The variables the expression reads, in the order {@link RuleVariables} declares them. */
  public List<String> names() {
    return names;
  }

  /** Whether the rule uses the model's score (then it needs a model to be backtested). */
  public boolean usesScore() {
    return names.contains(RuleVariables.SCORE);
  }

  /**
   * Whether the condition holds for this transaction.
   *
   * @throws CelEvaluationException when the expression fails on these values (an index past the sequence, a division
   *     by zero in integers...): the caller decides what a failed rule means
   */
  public boolean holds(RuleFacts facts) throws CelEvaluationException {
    return Boolean.TRUE.equals(program.eval(facts));
  }

  @Override
  public String toString() {
    return rule.getId() + " v" + rule.getVersion() + " (" + rule.getAction() + ": " + rule.getExpression() + ")";
  }
}
