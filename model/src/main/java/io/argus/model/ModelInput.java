package io.argus.model;

import io.argus.avro.FeatureVector;
import java.util.List;

/**
 * What a fraud model reads for one transaction, in raw (not normalised) units: the static feature values in the
 * feature set's order, and the card's recent transactions, oldest first, the current one last (at most the set's
 * sequence length; a model pads shorter ones itself).
 */
public record ModelInput(double[] values, double[][] sequence) {

  public static ModelInput of(FeatureVector vector) {
    List<Double> values = vector.getValues();
    double[] staticValues = new double[values.size()];
    for (int i = 0; i < staticValues.length; i++) {
      staticValues[i] = values.get(i);
    }
    List<List<Double>> steps = vector.getSequence();
    double[][] sequence = new double[steps.size()][];
    for (int t = 0; t < sequence.length; t++) {
      List<Double> step = steps.get(t);
      sequence[t] = new double[step.size()];
      for (int j = 0; j < sequence[t].length; j++) {
        sequence[t][j] = step.get(j);
      }
    }
    return new ModelInput(staticValues, sequence);
  }

  /** A deep copy, for explainers that overwrite parts of an input. */
  public ModelInput copy() {
    double[][] steps = new double[sequence.length][];
    for (int t = 0; t < steps.length; t++) {
      steps[t] = sequence[t].clone();
    }
    return new ModelInput(values.clone(), steps);
  }
}
