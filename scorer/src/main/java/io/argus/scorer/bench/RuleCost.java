package io.argus.scorer.bench;

import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import io.argus.scorer.rules.RuleFacts;
import io.argus.scorer.rules.RuleListener;
import io.argus.scorer.rules.RuleSet;
import io.argus.scorer.rules.RuleVariables;
import io.argus.scorer.rules.TransactionFields;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What evaluating a rule set costs per transaction, measured alone on one thread: every input of the pool is
 * evaluated (with the model's score, as the scorer does) in several passes after a warm-up, and the median pass gives
 * the time per transaction. The stream's figures include the same work, among everything else a vector costs.
 *
 * @param rules the number of rules
 * @param microsPerTransaction the median pass's time per transaction, in microseconds (0 without rules)
 * @param hitRate the share of transactions at least one rule held for
 */
public record RuleCost(int rules, double microsPerTransaction, double hitRate) {

  private static final int WARMUP_PASSES = 5;
  private static final int PASSES = 9;

  public static RuleCost measure(RuleSet rules, RuleVariables variables, FraudModel model, List<ModelInput> pool) {
    if (rules.isEmpty()) {
      return new RuleCost(0, 0, 0);
    }
    double[] scores = pool.stream().mapToDouble(model::score).toArray();
    RuleFacts[] facts = new RuleFacts[pool.size()];
    Instant now = Instant.now();
    for (int i = 0; i < facts.length; i++) {
      String card = String.format("card-%05d", i);
      facts[i] = new RuleFacts(variables, new TransactionFields("bench-" + i, card, "c-" + card, "term-1", now),
          pool.get(i), scores[i]);
    }
    double[] passes = new double[PASSES];
    int hits = 0;
    for (int pass = -WARMUP_PASSES; pass < PASSES; pass++) {
      hits = 0;
      long started = System.nanoTime();
      for (RuleFacts transaction : facts) {
        if (!rules.evaluate(fresh(transaction, variables), RuleListener.NONE).isEmpty()) {
          hits++;
        }
      }
      if (pass >= 0) {
        passes[pass] = (System.nanoTime() - started) / 1e3 / facts.length;
      }
    }
    Arrays.sort(passes);
    return new RuleCost(rules.size(), passes[PASSES / 2], (double) hits / facts.length);
  }

  /** A new facts object per evaluation, as the scorer makes one per transaction (no sequence list reused). */
  private static RuleFacts fresh(RuleFacts facts, RuleVariables variables) {
    return new RuleFacts(variables, facts.fields(), facts.input(), facts.score());
  }
}
