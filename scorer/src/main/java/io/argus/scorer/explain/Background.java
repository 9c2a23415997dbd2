package io.argus.scorer.explain;

import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import java.util.Arrays;
import java.util.List;

/**
 * The reference inputs an explanation compares a transaction against: rows with weights that sum to one, each with
 * its sequence encoding, its prepared static values ({@link FraudModel#prepareValues}) and its score under the model,
 * computed once when the model is loaded. The weighted mean score
 * is the SHAP base value. Immutable; safe to share between threads.
 */
public final class Background {

  private final List<ModelInput> rows;
  private final double[] weights;
  private final double[][] encodings;
  private final double[][] preparedValues;
  private final double baseValue;

  private Background(List<ModelInput> rows, double[] weights, double[][] encodings, double[][] preparedValues,
      double baseValue) {
    this.rows = rows;
    this.weights = weights;
    this.encodings = encodings;
    this.preparedValues = preparedValues;
    this.baseValue = baseValue;
  }

  /** Equally weighted rows. */
  public static Background of(FraudModel model, List<ModelInput> rows) {
    double[] weights = new double[rows.size()];
    Arrays.fill(weights, 1.0 / rows.size());
    return of(model, rows, weights);
  }

  /**
   * Weighted rows; the weights are scaled to sum to one.
   *
   * @param model used here only, to encode the rows' sequences and score them
   */
  public static Background of(FraudModel model, List<ModelInput> rows, double[] weights) {
    if (rows.isEmpty() || rows.size() != weights.length) {
      throw new IllegalArgumentException("a background needs at least one row and one weight per row, got "
          + rows.size() + " rows and " + weights.length + " weights");
    }
    double total = 0;
    for (double weight : weights) {
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("background weights must be positive and finite, got " + weight);
      }
      total += weight;
    }
    double[] normalised = new double[weights.length];
    double[][] encodings = new double[rows.size()][];
    double[][] preparedValues = new double[rows.size()][];
    double baseValue = 0;
    for (int row = 0; row < normalised.length; row++) {
      normalised[row] = weights[row] / total;
      encodings[row] = model.encodeSequence(rows.get(row).sequence()).clone();
      preparedValues[row] = model.prepareValues(rows.get(row).values());
      baseValue += normalised[row] * model.scorePrepared(encodings[row], preparedValues[row]);
    }
    return new Background(List.copyOf(rows), normalised, encodings, preparedValues, baseValue);
  }

  public int size() {
    return rows.size();
  }

  public ModelInput row(int index) {
    return rows.get(index);
  }

  public List<ModelInput> rows() {
    return rows;
  }

  public double weight(int index) {
    return weights[index];
  }

  /** The row's sequence encoding; callers must not modify it. */
  double[] encoding(int index) {
    return encodings[index];
  }

  /** The row's prepared static values; callers must not modify them. */
  double[] preparedValues(int index) {
    return preparedValues[index];
  }

  /** The weighted mean score of the rows: the expected model output, SHAP's base value. */
  public double baseValue() {
    return baseValue;
  }
}
