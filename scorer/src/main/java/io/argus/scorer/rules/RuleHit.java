package io.argus.scorer.rules;

import io.argus.avro.FiredRule;
import io.argus.avro.RuleAction;

/** A rule that held for a transaction: which version of it, and its action. */
public record RuleHit(String id, int version, RuleAction action) {

  public static RuleHit of(CompiledRule rule) {
    return new RuleHit(rule.id(), rule.version(), rule.action());
  }

  /** As {@code FraudScore.rules} carries it. */
  public FiredRule toRecord() {
    return new FiredRule(id, version, action);
  }
}
