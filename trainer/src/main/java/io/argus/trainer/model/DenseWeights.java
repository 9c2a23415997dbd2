package io.argus.trainer.model;

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
        case TANH -> Math.tanh(x);
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
    for (int i = 0; i < inputs; i++) {
      double x = input[i];
      if (x == 0) {
        continue;
      }
      int row = i * outputs;
      for (int j = 0; j < outputs; j++) {
        out[j] += x * weights[row + j];
      }
    }
    for (int j = 0; j < outputs; j++) {
      out[j] = activation.apply(out[j]);
    }
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
