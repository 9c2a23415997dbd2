package io.argus.model.network;

/**
 * One fully connected layer of a trained network, for the plain-Java forward pass: {@code out = activation(x W + b)}
 * with {@code W} stored row-major as {@code inputs x outputs}, the layout Deeplearning4j's dense layers use.
 */
public record DenseWeights(int inputs, int outputs, double[] weights, double[] bias, Activation activation) {

  /** The activations the Argus networks use. */
  public enum Activation {
    IDENTITY, RELU, TANH, SIGMOID;

    double apply(double x) {
      return switch (this) {
        case IDENTITY -> x;
        case RELU -> x > 0 ? x : 0;
        case TANH -> tanh(x);
        case SIGMOID -> sigmoid(x);
      };
    }
  }

  public DenseWeights {
    if (weights.length != inputs * outputs || bias.length != outputs) {
      throw new IllegalArgumentException("dense layer " + inputs + "x" + outputs + " got " + weights.length
          + " weights and " + bias.length + " biases");
    }
  }

  /** Writes {@code activation(input W + b)} into {@code out}; allocates nothing. */
  public void forward(double[] input, double[] out) {
    System.arraycopy(bias, 0, out, 0, outputs);
    multiplyAdd(input, inputs, weights, outputs, out);
    for (int j = 0; j < outputs; j++) {
      out[j] = activation.apply(out[j]);
    }
  }

  /**
   * {@code out += x W} for a row-major {@code rows x columns} matrix {@code W}; zero inputs (padding, ReLU) are
   * skipped.
   */
  static void multiplyAdd(double[] x, int rows, double[] weights, int columns, double[] out) {
    for (int i = 0; i < rows; i++) {
      double value = x[i];
      if (value == 0) {
        continue;
      }
      int row = i * columns;
      for (int j = 0; j < columns; j++) {
        out[j] += value * weights[row + j];
      }
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
