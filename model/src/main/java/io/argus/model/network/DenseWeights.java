package io.argus.model.network;

import java.util.Objects;

/**
 * One fully connected layer of a trained network, for the plain-Java forward pass: {@code out = activation(x W + b)}
 * with {@code W} given row-major as {@code inputs x outputs}, the layout Deeplearning4j's dense layers use.
 *
 * <p>The layer keeps {@code W} a second time as one array per input row: the JIT compiler vectorises the inner loop
 * {@code out[j] += x[i] * row[j]} over a row array, but not the same loop over a flat matrix indexed at an offset
 * (measured on Java 17: five times slower). Each output still adds its terms in input order, so the result is the
 * same, bit for bit, as the plain triple loop.
 */
public final class DenseWeights {

  /** The activations the Argus networks use. */
  public enum Activation {
    IDENTITY, RELU, TANH, SIGMOID
  }

  private final int inputs;
  private final int outputs;
  private final double[] weights;
  private final double[] bias;
  private final Activation activation;
  private final double[][] rows;

  public DenseWeights(int inputs, int outputs, double[] weights, double[] bias, Activation activation) {
    if (weights.length != inputs * outputs || bias.length != outputs) {
      throw new IllegalArgumentException("dense layer " + inputs + "x" + outputs + " got " + weights.length
          + " weights and " + bias.length + " biases");
    }
    this.inputs = inputs;
    this.outputs = outputs;
    this.weights = weights;
    this.bias = bias;
    this.activation = Objects.requireNonNull(activation, "activation");
    this.rows = rows(weights, inputs, outputs);
  }

  public int inputs() {
    return inputs;
  }

  public int outputs() {
    return outputs;
  }

  /** {@code W}, {@code inputs x outputs}, row-major; callers must not modify it. */
  public double[] weights() {
    return weights;
  }

  /** {@code b}; callers must not modify it. */
  public double[] bias() {
    return bias;
  }

  public Activation activation() {
    return activation;
  }

  /** Writes {@code activation(input W + b)} into {@code out}. */
  public void forward(double[] input, double[] out) {
    forward(input, out, new int[inputs]);
  }

  /**
   * Writes {@code activation(input W + b)} into {@code out}; allocates nothing.
   *
   * @param scratch at least {@link #inputs()} entries, overwritten (the caller's own, for the non-zero inputs)
   */
  public void forward(double[] input, double[] out, int[] scratch) {
    System.arraycopy(bias, 0, out, 0, outputs);
    if (outputs == 1) {
      double sum = out[0];
      for (int i = 0; i < inputs; i++) {
        sum += input[i] * weights[i];
      }
      out[0] = sum;
    } else {
      multiplyAdd(input, inputs, rows, 0, outputs, out, scratch);
    }
    activate(out);
  }

  /**
   * Writes {@code x W'} into {@code out}, plus {@code b} when {@code withBias}, where {@code W'} is the rows of
   * {@code W} for the inputs {@code first ... first + x.length - 1}: the share of those inputs in the sum the
   * activation reads. The shares of all inputs add up to that sum (up to rounding, as the terms are added in
   * another order); {@link #activate} finishes it. Allocates nothing.
   *
   * @param scratch at least {@code x.length} entries, overwritten
   */
  public void partialSum(double[] x, int first, boolean withBias, double[] out, int[] scratch) {
    if (first < 0 || first + x.length > inputs) {
      throw new IllegalArgumentException("inputs " + first + ".." + (first + x.length - 1) + " outside a layer of "
          + inputs + " inputs");
    }
    if (withBias) {
      System.arraycopy(bias, 0, out, 0, outputs);
    } else {
      java.util.Arrays.fill(out, 0, outputs, 0);
    }
    multiplyAdd(x, x.length, rows, first, outputs, out, scratch);
  }

  /**
   * Applies the activation to the first {@link #outputs()} entries of {@code values}, in place: one loop per
   * activation rather than a switch per value (the profiler put a tenth of an explanation's samples on that switch;
   * the loops saved about 3 % of an explanation).
   */
  public void activate(double[] values) {
    switch (activation) {
      case IDENTITY -> { }
      case RELU -> {
        for (int j = 0; j < outputs; j++) {
          values[j] = values[j] > 0 ? values[j] : 0;
        }
      }
      case TANH -> {
        for (int j = 0; j < outputs; j++) {
          values[j] = tanh(values[j]);
        }
      }
      case SIGMOID -> {
        for (int j = 0; j < outputs; j++) {
          values[j] = sigmoid(values[j]);
        }
      }
      default -> throw new IllegalStateException("unknown activation " + activation);
    }
  }

  /** {@code W} as one array per input row (shared, not to be modified). */
  double[][] rows() {
    return rows;
  }

  /** A row-major {@code rows x columns} matrix as one array per row. */
  static double[][] rows(double[] matrix, int rows, int columns) {
    double[][] split = new double[rows][];
    for (int row = 0; row < rows; row++) {
      split[row] = java.util.Arrays.copyOfRange(matrix, row * columns, (row + 1) * columns);
    }
    return split;
  }

  /**
   * {@code out += x W} for the first {@code count} entries of {@code x} and a matrix given as one array per row of
   * {@code columns} values, {@code x[i]} multiplying {@code rows[firstRow + i]}. Each output adds its terms in row
   * order, four rows per pass over {@code out} (so {@code out} is read and written a quarter as often). A zero input
   * (padding, ReLU) adds nothing and is skipped: the non-zero rows are listed first in {@code scratch} without a
   * branch (a branch per input mispredicts on ReLU outputs; measured twice as slow).
   */
  static void multiplyAdd(double[] x, int count, double[][] rows, int firstRow, int columns, double[] out,
      int[] scratch) {
    int nonZero = 0;
    for (int i = 0; i < count; i++) {
      scratch[nonZero] = i;
      nonZero += x[i] != 0 ? 1 : 0;
    }
    int k = 0;
    for (; k + 3 < nonZero; k += 4) {
      int first = scratch[k];
      int second = scratch[k + 1];
      int third = scratch[k + 2];
      int fourth = scratch[k + 3];
      multiplyAddFour(x[first], rows[firstRow + first], x[second], rows[firstRow + second], x[third],
          rows[firstRow + third], x[fourth], rows[firstRow + fourth], columns, out);
    }
    for (; k < nonZero; k++) {
      multiplyAddOne(x[scratch[k]], rows[firstRow + scratch[k]], columns, out);
    }
  }

  private static void multiplyAddFour(double x0, double[] row0, double x1, double[] row1, double x2, double[] row2,
      double x3, double[] row3, int columns, double[] out) {
    for (int j = 0; j < columns; j++) {
      double sum = out[j];
      sum += x0 * row0[j];
      sum += x1 * row1[j];
      sum += x2 * row2[j];
      sum += x3 * row3[j];
      out[j] = sum;
    }
  }

  private static void multiplyAddOne(double x, double[] row, int columns, double[] out) {
    for (int j = 0; j < columns; j++) {
      out[j] += x * row[j];
    }
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** {@code tanh} through {@link Math#exp} (an intrinsic, unlike {@link Math#tanh}); exact to about 1e-16. */
  static double tanh(double x) {
    return 1 - 2 / (Math.exp(2 * x) + 1);
  }
}
