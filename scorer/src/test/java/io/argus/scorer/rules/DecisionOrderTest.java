package io.argus.scorer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Decision;
import io.argus.avro.RuleAction;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionOrderTest {

  private static final RuleHit ALLOW = new RuleHit("trusted", 2, RuleAction.ALLOW);
  private static final RuleHit DECLINE = new RuleHit("stolen-pattern", 1, RuleAction.DECLINE);
  private static final RuleHit REVIEW = new RuleHit("night-online", 3, RuleAction.REVIEW);

  @Test
  void shouldKeepTheModelsDecisionAndAlertWhenNoRuleFires() {
    RuleOutcome outcome = DecisionOrder.decide(Decision.REVIEW, true, List.of());

    assertThat(outcome.decision()).isEqualTo(Decision.REVIEW);
    assertThat(outcome.alert()).isTrue();
    assertThat(outcome.fired()).isEmpty();
    assertThat(outcome.describe()).isEmpty();
  }

  @Test
  void shouldApproveWithoutAlertWhenAnAllowRuleFiresWhateverElseSays() {
    RuleOutcome outcome = DecisionOrder.decide(Decision.DECLINE, true, List.of(DECLINE, ALLOW, REVIEW));

    assertThat(outcome.decision()).isEqualTo(Decision.APPROVE);
    assertThat(outcome.alert()).isFalse();
    assertThat(outcome.allowed()).isTrue();
    assertThat(outcome.modelDecision()).isEqualTo(Decision.DECLINE);
    assertThat(outcome.firedRules()).hasSize(3);
  }

  @Test
  void shouldDeclineWhenADeclineRuleFiresEvenIfTheModelApproves() {
    RuleOutcome outcome = DecisionOrder.decide(Decision.APPROVE, false, List.of(REVIEW, DECLINE));

    assertThat(outcome.decision()).isEqualTo(Decision.DECLINE);
    assertThat(outcome.alert()).isTrue();
    assertThat(outcome.modelAlert()).isFalse();
    assertThat(outcome.alertingRules()).containsExactly("night-online", "stolen-pattern");
  }

  @Test
  void shouldReviewAtLeastWhenAReviewRuleFires() {
    assertThat(DecisionOrder.decide(Decision.APPROVE, false, List.of(REVIEW)).decision()).isEqualTo(Decision.REVIEW);
    assertThat(DecisionOrder.decide(Decision.REVIEW, true, List.of(REVIEW)).decision()).isEqualTo(Decision.REVIEW);
    assertThat(DecisionOrder.decide(Decision.DECLINE, true, List.of(REVIEW)).decision()).isEqualTo(Decision.DECLINE);
    assertThat(DecisionOrder.decide(Decision.APPROVE, false, List.of(REVIEW)).alert()).isTrue();
  }

  @Test
  void shouldSayInTheAlertWhatRaisedIt() {
    RuleOutcome outcome = DecisionOrder.decide(Decision.APPROVE, false, List.of(REVIEW, DECLINE));

    assertThat(outcome.alertReferences()).containsEntry("decision", "DECLINE").containsEntry("modelAlert", "false")
        .containsEntry("rules", "night-online,stolen-pattern");
    assertThat(outcome.describe()).isEqualTo("; rules: night-online v3 (REVIEW), stolen-pattern v1 (DECLINE)");
    assertThat(RuleOutcome.modelOnly(Decision.REVIEW, true).alertReferences()).doesNotContainKey("rules")
        .containsEntry("modelAlert", "true");
  }
}
