package io.argus.pipeline.rules;

import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.scorer.rules.RuleCompiler;
import io.argus.scorer.rules.RuleRejectedException;
import java.time.Instant;

/**
 * A rule as an analyst writes it, before it is published: id, condition, action and why. {@link #toRule} makes the
 * record the rules topic carries, with the author, the next version of the id and the time.
 */
public record RuleDraft(String id, String expression, RuleAction action, String description) {

  public RuleDraft {
    description = description == null ? "" : description.strip();
    expression = expression == null ? "" : expression.strip();
  }

  /**
   * The record to publish, checked as the scorer will check it.
   *
   * @param previousVersion the version of the id in force now, 0 for a new id
   * @throws RuleRejectedException naming what is wrong, when the scorer would refuse it
   */
  public RiskRule toRule(RuleCompiler compiler, String author, int previousVersion, Instant now)
      throws RuleRejectedException {
    if (author == null || author.isBlank()) {
      throw new RuleRejectedException("a rule needs an author");
    }
    RiskRule rule = RiskRule.newBuilder().setId(id).setExpression(expression).setAction(action)
        .setDescription(description).setAuthor(author).setVersion(previousVersion + 1).setPublishedAt(now).build();
    compiler.compile(rule);
    return rule;
  }
}
