package io.argus.scorer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.features.FraudV1;
import io.argus.scorer.rules.RuleCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticRulesTest {

  private static final RuleCompiler COMPILER = new RuleCompiler(FraudV1.FEATURE_SET);

  @TempDir
  Path directory;

  @Test
  void shouldGenerateRulesThatAllCompileWithDistinctIds() throws Exception {
    List<RiskRule> rules = SyntheticRules.generate(13);

    assertThat(rules).hasSize(13).extracting(RiskRule::getId).doesNotHaveDuplicates();
    for (RiskRule rule : rules) {
      COMPILER.compile(rule);
    }
    assertThat(rules).extracting(RiskRule::getAction).contains(RuleAction.ALLOW, RuleAction.REVIEW,
        RuleAction.DECLINE);
  }

  @Test
  void shouldReadOneRulePerLineSkippingCommentsAndBlankLines() throws Exception {
    Path file = directory.resolve("rules.txt");
    Files.writeString(file, "# benchmark rules\n\nbig REVIEW TX_AMOUNT > 220.0\nnight decline "
        + "event_time.getHours('UTC') < 6 && TX_AMOUNT > 50.0\n");

    List<RiskRule> rules = SyntheticRules.read(file);

    assertThat(rules).extracting(RiskRule::getId).containsExactly("big", "night");
    assertThat(rules.get(1).getAction()).isEqualTo(RuleAction.DECLINE);
    assertThat(rules.get(1).getExpression()).isEqualTo("event_time.getHours('UTC') < 6 && TX_AMOUNT > 50.0");
  }

  @Test
  void shouldNameTheLineOfAnUnknownAction() throws Exception {
    Path file = directory.resolve("rules.txt");
    Files.writeString(file, "big REVIEW TX_AMOUNT > 1.0\nsmall BLOCK TX_AMOUNT < 1.0\n");

    assertThatThrownBy(() -> SyntheticRules.read(file)).hasMessageContaining("line 2")
        .hasMessageContaining("REVIEW, DECLINE or ALLOW, got 'BLOCK'");
  }
}
