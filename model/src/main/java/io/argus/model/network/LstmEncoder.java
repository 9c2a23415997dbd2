package io.argus.model.network;

import java.util.Arrays;

/**
 * Deeplearning4j's {@code LSTM} layer (no peepholes) run forward in plain Java; the encoding is the last hidden
 * state. Parameters in Deeplearning4j's layout: input weights {@code W} ({@code inputs x 4h}), recurrent weights
 * {@code RW} ({@code h x 4h}) and bias {@code b} ({@code 4h}), row-major, the four gate blocks in Deeplearning4j's
 * order: block input (tanh), forget gate, output gate, input gate (sigmoid). A test checks this against
 * Deeplearning4j's own output.
 */
public final class LstmEncoder implements SequenceEncoder {

  private final int inputs;
  private final int hidden;
  private final double[] inputWeights;
  private final double[] recurrentWeights;
  private final double[] bias;
  private final double[] gates;
  private final double[] state;
  private final double[] cell;

  public LstmEncoder(int inputs, int hidden, double[] inputWeights, double[] recurrentWeights, double[] bias) {
    if (inputWeights.length != inputs * 4 * hidden || recurrentWeights.length != hidden * 4 * hidden
        || bias.length != 4 * hidden) {
      throw new IllegalArgumentException("LSTM " + inputs + "->" + hidden + " got " + inputWeights.length + ", "
          + recurrentWeights.length + " and " + bias.length + " parameters");
    }
    this.inputs = inputs;
    this.hidden = hidden;
    this.inputWeights = inputWeights;
    this.recurrentWeights = recurrentWeights;
    this.bias = bias;
    this.gates = new double[4 * hidden];
    this.state = new double[hidden];
    this.cell = new double[hidden];
  }

  @Override
  public int outputSize() {
    return hidden;
  }

  /** Values per step. */
  public int inputs() {
    return inputs;
  }

  /** {@code W}, {@code inputs x 4h}, row-major (a copy). */
  public double[] inputWeights() {
    return inputWeights.clone();
  }

  /** {@code RW}, {@code h x 4h}, row-major (a copy). */
  public double[] recurrentWeights() {
    return recurrentWeights.clone();
  }

  /** {@code b}, {@code 4h} (a copy). */
  public double[] bias() {
    return bias.clone();
  }

  @Override
  public void encode(double[][] steps, double[] out) {
    int width = 4 * hidden;
    Arrays.fill(state, 0);
    Arrays.fill(cell, 0);
    for (double[] x : steps) {
      System.arraycopy(bias, 0, gates, 0, width);
      DenseWeights.multiplyAdd(x, inputs, inputWeights, width, gates);
      DenseWeights.multiplyAdd(state, hidden, recurrentWeights, width, gates);
      for (int unit = 0; unit < hidden; unit++) {
        double blockInput = DenseWeights.tanh(gates[unit]);
        double forget = DenseWeights.sigmoid(gates[hidden + unit]);
        double output = DenseWeights.sigmoid(gates[2 * hidden + unit]);
        double input = DenseWeights.sigmoid(gates[3 * hidden + unit]);
        cell[unit] = forget * cell[unit] + input * blockInput;
        state[unit] = output * DenseWeights.tanh(cell[unit]);
      }
    }
    System.arraycopy(state, 0, out, 0, hidden);
  }

  @Override
  public LstmEncoder copy() {
    return new LstmEncoder(inputs, hidden, inputWeights, recurrentWeights, bias);
  }
}
