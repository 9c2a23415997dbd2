package io.argus.scorer.rules;

import dev.cel.runtime.CelVariableResolver;
import io.argus.model.ModelInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one transaction offers its rules: the fields, the model's input (features in raw units) and the model's score.
 * CEL asks for each name a rule uses when the rule needs it; a sequence feature's list is built on first use and kept
 * for the other rules of the same transaction. Used by one thread at a time.
 */
public final class RuleFacts implements CelVariableResolver {

  private final RuleVariables variables;
  private final TransactionFields fields;
  private final ModelInput input;
  private final double score;
  private final List<Double>[] sequences;

  @SuppressWarnings("unchecked")
  public RuleFacts(RuleVariables variables, TransactionFields fields, ModelInput input, double score) {
    this.variables = variables;
    this.fields = fields;
    this.input = input;
    this.score = score;
    this.sequences = new List[variables.featureSet().sequenceStep().size()];
  }

  public TransactionFields fields() {
    return fields;
  }

  public ModelInput input() {
    return input;
  }

  public double score() {
    return score;
  }

  /**
   * The values of sequence feature {@code index}, one per step of the card's recent transactions, oldest first and
   * padded at the front with zeros to the feature set's sequence length (as the features topic holds them).
   */
  List<Double> sequence(int index) {
    if (sequences[index] == null) {
      int length = variables.featureSet().sequenceLength();
      double[][] steps = input.sequence();
      List<Double> values = new ArrayList<>(Math.max(length, steps.length));
      for (int padding = steps.length; padding < length; padding++) {
        values.add(0.0);
      }
      for (double[] step : steps) {
        values.add(step[index]);
      }
      sequences[index] = List.copyOf(values);
    }
    return sequences[index];
  }

  @Override
  public Optional<Object> find(String name) {
    RuleVariables.Variable variable = variables.get(name);
    return variable == null ? Optional.empty() : Optional.of(variable.value().apply(this));
  }
}
