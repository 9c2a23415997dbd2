package io.argus.scorer.rules;

import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.features.FraudV1;
import io.argus.model.ModelInput;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Rules, compiled rules and the facts of a transaction, for the rules' tests. */
final class Rules {

  static final Instant T0 = Instant.parse("2018-08-01T03:15:30Z");
  static final RuleCompiler COMPILER = new RuleCompiler(FraudV1.FEATURE_SET);
  static final List<String> STATIC = FraudV1.FEATURE_SET.staticNames();
  static final List<String> STEP = FraudV1.FEATURE_SET.sequenceStepNames();

  private Rules() {
  }

  static RiskRule rule(String id, String expression, RuleAction action) {
    return rule(id, expression, action, 1);
  }

  static RiskRule rule(String id, String expression, RuleAction action, int version) {
    return RiskRule.newBuilder().setId(id).setExpression(expression).setAction(action).setDescription("")
        .setAuthor("ana").setVersion(version).setPublishedAt(T0).build();
  }

  static CompiledRule compiled(String id, String expression, RuleAction action) {
    try {
      return COMPILER.compile(rule(id, expression, action));
    } catch (RuleRejectedException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /**
   * A transaction of customer c-42 at T0 with every static feature 0 except {@code TX_AMOUNT = amount}, and a card
   * history of {@code amounts} (oldest first, this one last; the front padded with zeros).
   */
  static RuleFacts facts(double amount, double score, double... history) {
    double[] values = new double[STATIC.size()];
    values[STATIC.indexOf(FraudV1.TX_AMOUNT)] = amount;
    double[][] sequence = new double[history.length][STEP.size()];
    for (int i = 0; i < history.length; i++) {
      sequence[i][STEP.indexOf(FraudV1.SEQ_AMOUNT)] = history[i];
      sequence[i][STEP.indexOf(FraudV1.SEQ_PRESENT)] = 1;
    }
    return new RuleFacts(COMPILER.variables(),
        new TransactionFields("t-1", "card-9", "c-42", "term-7", T0), new ModelInput(values, sequence), score);
  }

  static double[] amounts(double... amounts) {
    return Arrays.copyOf(amounts, amounts.length);
  }
}
