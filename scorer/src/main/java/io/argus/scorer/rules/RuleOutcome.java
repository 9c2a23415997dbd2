package io.argus.scorer.rules;

import io.argus.avro.Decision;
import io.argus.avro.FiredRule;
import io.argus.avro.RuleAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the model and the rules decided together for one transaction ({@link DecisionOrder}): the final decision and
 * whether it raises an alert, beside what the model alone would have done and the rules that fired.
 */
public record RuleOutcome(
    Decision decision, boolean alert, Decision modelDecision, boolean modelAlert, List<RuleHit> fired) {

  /** The keys this outcome adds to a fraud alert's references. */
  public static final String RULES_REFERENCE = "rules";
  public static final String MODEL_ALERT_REFERENCE = "modelAlert";
  public static final String DECISION_REFERENCE = "decision";

  public RuleOutcome {
    fired = List.copyOf(fired);
  }

  /** No rule fired: the model's decision and alert stand. */
  public static RuleOutcome modelOnly(Decision modelDecision, boolean modelAlert) {
    return new RuleOutcome(modelDecision, modelAlert, modelDecision, modelAlert, List.of());
  }

  /** Whether an ALLOW rule fired (then no alert is raised, whatever else fired). */
  public boolean allowed() {
    return fired.stream().anyMatch(hit -> hit.action() == RuleAction.ALLOW);
  }

  /** The ids of the REVIEW and DECLINE rules that fired, which the alert (if any) is raised by. */
  public List<String> alertingRules() {
    return fired.stream().filter(hit -> hit.action() != RuleAction.ALLOW).map(RuleHit::id).toList();
  }

  /** The fired rules as {@code FraudScore.rules} carries them. */
  public List<FiredRule> firedRules() {
    return fired.stream().map(RuleHit::toRecord).toList();
  }

  /** "; rules: a (DECLINE), b (REVIEW)" for an alert's message, or empty when no rule fired. */
  public String describe() {
    if (fired.isEmpty()) {
      return "";
    }
    return "; rules: " + fired.stream().map(hit -> hit.id() + " v" + hit.version() + " (" + hit.action() + ")")
        .collect(Collectors.joining(", "));
  }

  /**
   * What a fraud alert's references say about its cause: the final decision, whether the model alone alerted, and the
   * REVIEW and DECLINE rules that fired (comma-separated, only when some did).
   */
  public Map<String, String> alertReferences() {
    Map<String, String> references = new LinkedHashMap<>();
    references.put(DECISION_REFERENCE, decision.name());
    references.put(MODEL_ALERT_REFERENCE, Boolean.toString(modelAlert));
    List<String> rules = alertingRules();
    if (!rules.isEmpty()) {
      references.put(RULES_REFERENCE, String.join(",", rules));
    }
    return references;
  }
}
