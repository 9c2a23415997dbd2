package io.argus.scorer.rules;

import io.argus.avro.Decision;
import io.argus.avro.RuleAction;
import java.util.List;

/**
 * How the model's decision and the rules that fired combine, in this order:
 * <ol>
 *   <li>any {@code ALLOW} rule: {@code APPROVE}, and no alert — neither the model nor the other rules are looked at;
 *   <li>else any {@code DECLINE} rule: {@code DECLINE}, with an alert;
 *   <li>else any {@code REVIEW} rule: at least {@code REVIEW} ({@code DECLINE} when the model declines), with an
 *       alert;
 *   <li>else the model's thresholds: its decision, and its alert at the alert threshold.
 * </ol>
 * This is Stripe Radar's order (allow rules are evaluated first and a payment they match is not evaluated against
 * block or review rules; a blocked payment is not evaluated against review rules — docs.stripe.com/radar/rules/reference,
 * "Rule processing and ordering"), with the model in the place Radar gives its own risk-level rules: the model's
 * decline acts like a block rule and its review like a review rule. ALLOW comes first because an allow rule is an
 * analyst's explicit, narrow statement about known-good traffic (a customer's verified pattern, a test terminal) that
 * the model cannot know about; a rule that is too broad lets fraud through, which is why every rule is backtested
 * before it is published, and the backtest of an ALLOW rule counts the frauds it would let through. Rules of the same
 * action are not ordered among themselves: all that hold are recorded.
 */
public final class DecisionOrder {

  private DecisionOrder() {
  }

  /**
   * @param modelDecision the decision of the model's thresholds alone
   * @param modelAlert whether the model's score alone reaches the alert threshold
   * @param fired the rules that hold for the transaction
   */
  public static RuleOutcome decide(Decision modelDecision, boolean modelAlert, List<RuleHit> fired) {
    if (fired.isEmpty()) {
      return RuleOutcome.modelOnly(modelDecision, modelAlert);
    }
    if (fires(fired, RuleAction.ALLOW)) {
      return new RuleOutcome(Decision.APPROVE, false, modelDecision, modelAlert, fired);
    }
    if (fires(fired, RuleAction.DECLINE)) {
      return new RuleOutcome(Decision.DECLINE, true, modelDecision, modelAlert, fired);
    }
    Decision atLeastReview = modelDecision == Decision.DECLINE ? Decision.DECLINE : Decision.REVIEW;
    return new RuleOutcome(atLeastReview, true, modelDecision, modelAlert, fired);
  }

  private static boolean fires(List<RuleHit> fired, RuleAction action) {
    for (RuleHit hit : fired) {
      if (hit.action() == action) {
        return true;
      }
    }
    return false;
  }
}
