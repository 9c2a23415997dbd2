package io.argus.model.network;

import io.argus.model.ModelInput;

/**
 * The forward pass of a {@link NeuralFraudModel} written as plainly as possible, from its flat row-major weights,
 * with nothing remembered between calls: the reference the optimised pass must reproduce bit for bit. It is the
 * forward pass as it was before the optimisation (the loops the trainer's conversion test checked against
 * Deeplearning4j), kept here so that the two cannot drift.
 */
final class PlainForwardPass {

  private PlainForwardPass() {
  }

  static double score(NeuralFraudModel model, ModelInput input) {
    return scoreEncoded(model, encode(model, input.sequence()), input.values());
  }

  static double[] encode(NeuralFraudModel model, double[][] sequence) {
    if (model.encoder() == null) {
      return new double[0];
    }
    SequenceLayout layout = model.layout();
    double[][] steps = new double[layout.length()][layout.channels()];
    layout.fill(sequence, model.stepNormaliser(), steps);
    if (model.encoder() instanceof LstmEncoder lstm) {
      return lstm(lstm, steps);
    }
    return attention((AttentionEncoder) model.encoder(), steps);
  }

  static double scoreEncoded(NeuralFraudModel model, double[] encoding, double[] values) {
    double[] input = new double[encoding.length + values.length];
    System.arraycopy(encoding, 0, input, 0, encoding.length);
    for (int i = 0; i < values.length; i++) {
      input[encoding.length + i] = model.staticNormaliser().normalise(i, values[i]);
    }
    for (DenseWeights layer : model.head()) {
      input = dense(layer, input);
    }
    return input[0];
  }

  private static double[] dense(DenseWeights layer, double[] input) {
    double[] out = layer.bias().clone();
    multiplyAdd(input, layer.inputs(), layer.weights(), layer.outputs(), out);
    for (int j = 0; j < out.length; j++) {
      out[j] = activate(layer.activation(), out[j]);
    }
    return out;
  }

  private static double activate(DenseWeights.Activation activation, double x) {
    return switch (activation) {
      case IDENTITY -> x;
      case RELU -> x > 0 ? x : 0;
      case TANH -> DenseWeights.tanh(x);
      case SIGMOID -> DenseWeights.sigmoid(x);
    };
  }

  private static double[] lstm(LstmEncoder lstm, double[][] steps) {
    int hidden = lstm.outputSize();
    int width = 4 * hidden;
    double[] inputWeights = lstm.inputWeights();
    double[] recurrentWeights = lstm.recurrentWeights();
    double[] bias = lstm.bias();
    double[] state = new double[hidden];
    double[] cell = new double[hidden];
    double[] gates = new double[width];
    for (double[] x : steps) {
      System.arraycopy(bias, 0, gates, 0, width);
      multiplyAdd(x, lstm.inputs(), inputWeights, width, gates);
      multiplyAdd(state, hidden, recurrentWeights, width, gates);
      for (int unit = 0; unit < hidden; unit++) {
        double blockInput = DenseWeights.tanh(gates[unit]);
        double forget = DenseWeights.sigmoid(gates[hidden + unit]);
        double output = DenseWeights.sigmoid(gates[2 * hidden + unit]);
        double input = DenseWeights.sigmoid(gates[3 * hidden + unit]);
        cell[unit] = forget * cell[unit] + input * blockInput;
        state[unit] = output * DenseWeights.tanh(cell[unit]);
      }
    }
    return state;
  }

  private static double[] attention(AttentionEncoder attention, double[][] steps) {
    int length = steps.length;
    int heads = attention.heads();
    int headSize = attention.headSize();
    int concatenated = heads * headSize;
    int outputs = attention.outputSize();
    int model = attention.embedding().outputs();
    double[][] queries = new double[length][];
    double[][] keys = new double[length][];
    double[][] values = new double[length][];
    for (int t = 0; t < length; t++) {
      double[] embedded = dense(attention.embedding(), steps[t]);
      queries[t] = project(embedded, attention.queryWeights(), concatenated, model);
      keys[t] = project(embedded, attention.keyWeights(), concatenated, model);
      values[t] = project(embedded, attention.valueWeights(), concatenated, model);
    }
    double[] out = new double[outputs];
    double[] weightsOverSteps = new double[length];
    for (int query = 0; query < length; query++) {
      double[] row = new double[concatenated];
      for (int head = 0; head < heads; head++) {
        int offset = head * headSize;
        double maximum = Double.NEGATIVE_INFINITY;
        for (int key = 0; key < length; key++) {
          double dot = 0;
          for (int p = 0; p < headSize; p++) {
            dot += queries[query][offset + p] * keys[key][offset + p];
          }
          weightsOverSteps[key] = dot * (1 / Math.sqrt(headSize));
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
      double[] projected = new double[outputs];
      multiplyAdd(row, concatenated, attention.outputWeights(), outputs, projected);
      for (int j = 0; j < outputs; j++) {
        out[j] += projected[j] / length;
      }
    }
    return out;
  }

  private static double[] project(double[] x, double[] weights, int rows, int model) {
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int i = 0; i < model; i++) {
        sum += weights[r * model + i] * x[i];
      }
      out[r] = sum;
    }
    return out;
  }

  /** {@code out += x W}, row-major {@code W}, every term in row order. */
  private static void multiplyAdd(double[] x, int rows, double[] weights, int columns, double[] out) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) {
        out[j] += x[i] * weights[i * columns + j];
      }
    }
  }
}
