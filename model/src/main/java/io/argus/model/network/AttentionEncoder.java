package io.argus.model.network;

import java.util.Arrays;

/**
 * The transformer's sequence stage in plain Java: a per-step embedding (dense, tanh), Deeplearning4j's
 * {@code SelfAttentionLayer} (multi-head scaled dot-product self-attention with input projections
 * {@code Wq, Wk, Wv} of shape {@code heads x headSize x model} and output projection {@code Wo} of shape
 * {@code heads*headSize x outputs}, no biases), then the average over steps. Positional information comes from the
 * position channel of {@link SequenceLayout}. A test checks this against Deeplearning4j's own output.
 */
public final class AttentionEncoder implements SequenceEncoder {

  /** The longest sequence the scratch buffers take; fraud_v1 sequences hold 10 steps. */
  private static final int MAXIMUM_STEPS = 256;

  private final DenseWeights embedding;
  private final int heads;
  private final int headSize;
  private final int outputs;
  private final double[] queryWeights;
  private final double[] keyWeights;
  private final double[] valueWeights;
  private final double[] outputWeights;
  private final double[][] outputRows;
  private final double scale;
  private double[][] embedded = new double[0][];
  private double[][] queries = new double[0][];
  private double[][] keys = new double[0][];
  private double[][] values = new double[0][];
  private double[][] attended = new double[0][];
  private final double[] weightsOverSteps;
  private final double[] projected;
  private final int[] nonZero;

  public AttentionEncoder(DenseWeights embedding, int heads, int headSize, int outputs, double[] queryWeights,
      double[] keyWeights, double[] valueWeights, double[] outputWeights) {
    int model = embedding.outputs();
    int projection = heads * headSize * model;
    if (queryWeights.length != projection || keyWeights.length != projection || valueWeights.length != projection
        || outputWeights.length != heads * headSize * outputs) {
      throw new IllegalArgumentException("self-attention " + heads + "x" + headSize + " over " + model
          + " got projections of " + queryWeights.length + ", " + keyWeights.length + ", " + valueWeights.length
          + " and " + outputWeights.length);
    }
    this.embedding = embedding;
    this.heads = heads;
    this.headSize = headSize;
    this.outputs = outputs;
    this.queryWeights = queryWeights;
    this.keyWeights = keyWeights;
    this.valueWeights = valueWeights;
    this.outputWeights = outputWeights;
    this.outputRows = DenseWeights.rows(outputWeights, heads * headSize, outputs);
    this.scale = 1 / Math.sqrt(headSize);
    this.weightsOverSteps = new double[MAXIMUM_STEPS];
    this.projected = new double[outputs];
    this.nonZero = new int[Math.max(heads * headSize, embedding.inputs())];
  }

  @Override
  public int outputSize() {
    return outputs;
  }

  /** The per-step embedding (dense, tanh). */
  public DenseWeights embedding() {
    return embedding;
  }

  public int heads() {
    return heads;
  }

  public int headSize() {
    return headSize;
  }

  /** {@code Wq}, {@code heads x headSize x model}, row-major (a copy). */
  public double[] queryWeights() {
    return queryWeights.clone();
  }

  /** {@code Wk}, {@code heads x headSize x model}, row-major (a copy). */
  public double[] keyWeights() {
    return keyWeights.clone();
  }

  /** {@code Wv}, {@code heads x headSize x model}, row-major (a copy). */
  public double[] valueWeights() {
    return valueWeights.clone();
  }

  /** {@code Wo}, {@code heads*headSize x outputs}, row-major (a copy). */
  public double[] outputWeights() {
    return outputWeights.clone();
  }

  @Override
  public void encode(double[][] steps, double[] out) {
    int length = steps.length;
    ensureCapacity(length);
    int model = embedding.outputs();
    int concatenated = heads * headSize;
    for (int t = 0; t < length; t++) {
      embedding.forward(steps[t], embedded[t], nonZero);
      project(embedded[t], queryWeights, model, queries[t]);
      project(embedded[t], keyWeights, model, keys[t]);
      project(embedded[t], valueWeights, model, values[t]);
    }
    Arrays.fill(out, 0, outputs, 0);
    for (int query = 0; query < length; query++) {
      double[] row = attended[query];
      Arrays.fill(row, 0);
      for (int head = 0; head < heads; head++) {
        int offset = head * headSize;
        double maximum = Double.NEGATIVE_INFINITY;
        for (int key = 0; key < length; key++) {
          double dot = 0;
          for (int p = 0; p < headSize; p++) {
            dot += queries[query][offset + p] * keys[key][offset + p];
          }
          weightsOverSteps[key] = dot * scale;
          maximum = Math.max(maximum, weightsOverSteps[key]);
        }
        double total = 0;
        for (int key = 0; key < length; key++) {
          weightsOverSteps[key] = Math.exp(weightsOverSteps[key] - maximum);
          total += weightsOverSteps[key];
        }
        for (int key = 0; key < length; key++) {
          double weight = weightsOverSteps[key] / total;
          for (int p = 0; p < headSize; p++) {
            row[offset + p] += weight * values[key][offset + p];
          }
        }
      }
      Arrays.fill(projected, 0);
      DenseWeights.multiplyAdd(row, concatenated, outputRows, 0, outputs, projected, nonZero);
      for (int j = 0; j < outputs; j++) {
        out[j] += projected[j] / length;
      }
    }
  }

  /** {@code out[head*headSize + p] = sum_i W[head][p][i] x[i]}. */
  private void project(double[] x, double[] weights, int model, double[] out) {
    int rows = heads * headSize;
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      int base = r * model;
      for (int i = 0; i < model; i++) {
        sum += weights[base + i] * x[i];
      }
      out[r] = sum;
    }
  }

  private void ensureCapacity(int length) {
    if (embedded.length >= length) {
      return;
    }
    if (length > MAXIMUM_STEPS) {
      throw new IllegalArgumentException("sequence of " + length + " steps is longer than " + MAXIMUM_STEPS);
    }
    int concatenated = heads * headSize;
    embedded = new double[length][embedding.outputs()];
    queries = new double[length][concatenated];
    keys = new double[length][concatenated];
    values = new double[length][concatenated];
    attended = new double[length][concatenated];
  }

  @Override
  public AttentionEncoder copy() {
    return new AttentionEncoder(embedding, heads, headSize, outputs, queryWeights, keyWeights, valueWeights,
        outputWeights);
  }
}
