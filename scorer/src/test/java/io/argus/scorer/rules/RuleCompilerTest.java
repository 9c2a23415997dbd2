package io.argus.scorer.rules;

import static io.argus.scorer.rules.Rules.COMPILER;
import static io.argus.scorer.rules.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.avro.RuleAction;
import io.argus.features.FraudV1;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {

  @Test
  void shouldCompileAConditionOverAFeatureWithADoubleOrAnIntegerLiteral() throws Exception {
    CompiledRule withDouble = COMPILER.compile(rule("big", "TX_AMOUNT > 220.0", RuleAction.REVIEW));
    CompiledRule withInteger = COMPILER.compile(rule("big", "TX_AMOUNT > 220", RuleAction.REVIEW));

    assertThat(withDouble.names()).containsExactly(FraudV1.TX_AMOUNT);
    assertThat(withInteger.holds(Rules.facts(221, 0.1))).isTrue();
    assertThat(withInteger.holds(Rules.facts(220, 0.1))).isFalse();
  }

  @Test
  void shouldListTheNamesARuleReadsInDeclaredOrder() throws Exception {
    RuleCompiler.Checked checked = COMPILER.check(
        "score > 0.3 && customer_id.startsWith('c-') && TX_AMOUNT > 100.0 && SEQ_AMOUNT[9] > 0.0");

    assertThat(checked.names()).containsExactly(FraudV1.TX_AMOUNT, FraudV1.SEQ_AMOUNT, RuleVariables.CUSTOMER_ID,
        RuleVariables.SCORE);
    assertThat(COMPILER.compile(rule("r", checked.expression(), RuleAction.DECLINE)).usesScore()).isTrue();
  }

  @Test
  void shouldRefuseAnUnknownNameAndSuggestTheClosestFeature() {
    assertThatThrownBy(() -> COMPILER.check("TX_AMOUNTT > 220.0"))
        .isInstanceOf(RuleRejectedException.class)
        .hasMessageStartingWith("'TX_AMOUNTT' is not a name rules know (did you mean 'TX_AMOUNT'?)")
        .hasMessageContaining("fraud_v1 feature names")
        .hasMessageContaining("(column 1)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void shouldRefuseAFeatureNameInAnotherCase() {
    assertThatThrownBy(() -> COMPILER.check("tx_amount > 220.0"))
        .hasMessageStartingWith("'tx_amount' is not a name rules know (did you mean 'TX_AMOUNT'?)");
  }

  @Test
  void shouldRefuseReachingIntoTheJvm() {
    assertThatThrownBy(() -> COMPILER.check("java.lang.Runtime.getRuntime().exec('rm -rf /') == null"))
        .isInstanceOf(RuleRejectedException.class)
        .hasMessageContaining("is not a name rules know");
  }

  @Test
  void shouldRefuseAnExpressionThatIsNotACondition() {
    assertThatThrownBy(() -> COMPILER.check("TX_AMOUNT * 2.0"))
        .hasMessageContaining("expected type 'bool' but found 'double'");
  }

  @Test
  void shouldRefuseAnExpressionThatDoesNotParse() {
    assertThatThrownBy(() -> COMPILER.check("TX_AMOUNT >"))
        .isInstanceOf(RuleRejectedException.class)
        .hasMessageContaining("column");
  }

  @Test
  void shouldRefuseComparingTextWithANumber() {
    assertThatThrownBy(() -> COMPILER.check("customer_id > 3.0"))
        .hasMessageContaining("no matching overload");
  }

  @Test
  void shouldSayThatFeaturesAreDoublesWhenOneIsTestedForEqualityWithAnInteger() {
    assertThatThrownBy(() -> COMPILER.check("TX_DURING_WEEKEND == 1"))
        .hasMessageContaining("no matching overload for '_==_' applied to '(double, int)'")
        .hasMessageContaining("features are doubles: write 1.0");
  }

  @Test
  void shouldRefuseAConstantThatWouldHitEveryTransactionOrNone() {
    assertThatThrownBy(() -> COMPILER.check("1 < 2"))
        .hasMessageContaining("a rule must use at least one feature, transaction field or the score");
  }

  @Test
  void shouldRefuseAnEmptyOrOverlongExpression() {
    assertThatThrownBy(() -> COMPILER.check(" ")).hasMessageStartingWith("the expression is empty");
    assertThatThrownBy(() -> COMPILER.check("TX_AMOUNT > 1.0 || " + "TX_AMOUNT > 2.0 || ".repeat(300)
        + "TX_AMOUNT > 3.0")).hasMessageContaining("at most 4096 are allowed");
  }

  @Test
  void shouldRefuseAnIdThatIsNotAKafkaFriendlyName() {
    assertThatThrownBy(() -> COMPILER.compile(rule("big amount!", "TX_AMOUNT > 1.0", RuleAction.REVIEW)))
        .hasMessageStartingWith("a rule id is 1 to 64 letters, digits");
    assertThatThrownBy(() -> COMPILER.compile(rule("", "TX_AMOUNT > 1.0", RuleAction.REVIEW)))
        .isInstanceOf(RuleRejectedException.class);
  }

  @Test
  void shouldNameTheRuleWhenItsExpressionIsRefused() {
    assertThatThrownBy(() -> COMPILER.compile(rule("night", "HOUR < 6", RuleAction.REVIEW)))
        .hasMessageStartingWith("rule 'night': 'HOUR' is not a name rules know");
  }

  @Test
  void shouldRefuseAVersionBelowOne() {
    assertThatThrownBy(() -> COMPILER.compile(rule("r", "TX_AMOUNT > 1.0", RuleAction.REVIEW, 0)))
        .hasMessageContaining("versions start at 1");
  }

  @Test
  void shouldMeasureEditDistance() {
    assertThat(RuleCompiler.editDistance("TX_AMOUNT", "TX_AMOUNT")).isZero();
    assertThat(RuleCompiler.editDistance("TX_AMOUNTT", "TX_AMOUNT")).isEqualTo(1);
    assertThat(RuleCompiler.editDistance("SCORE", "STORE")).isEqualTo(1);
    assertThat(RuleCompiler.editDistance("", "abc")).isEqualTo(3);
  }
}
