package io.argus.model.network;

import java.util.Arrays;

/**
 * Deeplearning4j's {@code LSTM} layer (no peepholes) run forward in plain Java; the encoding is the last hidden
 * state. Parameters in Deeplearning4j's layout: input weights {@code W} ({@code inputs x 4h}), recurrent weights
 * {@code RW} ({@code h x 4h}) and bias {@code b} ({@code 4h}), row-major, the four gate blocks in Deeplearning4j's
 * order: block input (tanh), forget gate, output gate, input gate (sigmoid). A test checks this against
 * Deeplearning4j's own output.
 *
 * <p>How it runs fast, with every value computed by the same operations in the same order as the plain loops (so
 * scores are equal bit for bit): the weights are held one array per row, which the JIT compiler vectorises
 * ({@link DenseWeights#multiplyAdd}); the gate activations run as whole-array passes; and the states after the
 * leading padding steps are remembered. Padding steps are the same for every sequence of a layout (zero features,
 * the presence flag 0, the position), so a card with three earlier transactions starts from the remembered state
 * after its six padding steps instead of running them. The remembered rows are compared before they are used, so a
 * caller that passes other leading rows gets them computed.
 */
public final class LstmEncoder implements SequenceEncoder {

  private final int inputs;
  private final int hidden;
  private final double[] inputWeights;
  private final double[] recurrentWeights;
  private final double[] bias;
  private final double[][] inputRows;
  private final double[][] recurrentRows;
  private final double[] gates;
  private final double[] exponentials;
  private final double[] state;
  private final double[] cell;
  private final int[] nonZero;
  private final PaddingStates padding;

  public LstmEncoder(int inputs, int hidden, double[] inputWeights, double[] recurrentWeights, double[] bias) {
    this(inputs, hidden, inputWeights, recurrentWeights, bias,
        DenseWeights.rows(checked(inputs, hidden, inputWeights, recurrentWeights, bias), inputs, 4 * hidden),
        DenseWeights.rows(recurrentWeights, hidden, 4 * hidden));
  }

  private LstmEncoder(int inputs, int hidden, double[] inputWeights, double[] recurrentWeights, double[] bias,
      double[][] inputRows, double[][] recurrentRows) {
    this.inputs = inputs;
    this.hidden = hidden;
    this.inputWeights = inputWeights;
    this.recurrentWeights = recurrentWeights;
    this.bias = bias;
    this.inputRows = inputRows;
    this.recurrentRows = recurrentRows;
    this.gates = new double[4 * hidden];
    this.exponentials = new double[4 * hidden];
    this.state = new double[hidden];
    this.cell = new double[hidden];
    this.nonZero = new int[Math.max(inputs, hidden)];
    this.padding = new PaddingStates(hidden);
  }

  private static double[] checked(int inputs, int hidden, double[] inputWeights, double[] recurrentWeights,
      double[] bias) {
    if (inputWeights.length != inputs * 4 * hidden || recurrentWeights.length != hidden * 4 * hidden
        || bias.length != 4 * hidden) {
      throw new IllegalArgumentException("LSTM " + inputs + "->" + hidden + " got " + inputWeights.length + ", "
          + recurrentWeights.length + " and " + bias.length + " parameters");
    }
    return inputWeights;
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
    encode(steps, 0, out);
  }

  @Override
  public void encode(double[][] steps, int leadingPadding, double[] out) {
    int first = padding.restore(steps, leadingPadding, state, cell);
    for (int t = first; t < steps.length; t++) {
      step(steps[t]);
      if (t < leadingPadding) {
        padding.remember(t, steps[t], state, cell);
      }
    }
    System.arraycopy(state, 0, out, 0, hidden);
  }

  private void step(double[] x) {
    int width = 4 * hidden;
    System.arraycopy(bias, 0, gates, 0, width);
    DenseWeights.multiplyAdd(x, inputs, inputRows, 0, width, gates, nonZero);
    DenseWeights.multiplyAdd(state, hidden, recurrentRows, 0, width, gates, nonZero);
    // tanh(g) = 1 - 2 / (exp(2g) + 1) for the block input, sigmoid(g) = 1 / (1 + exp(-g)) for the three gates
    for (int unit = 0; unit < hidden; unit++) {
      exponentials[unit] = Math.exp(2 * gates[unit]);
    }
    for (int k = hidden; k < width; k++) {
      exponentials[k] = Math.exp(-gates[k]);
    }
    int forget = hidden;
    int input = 3 * hidden;
    for (int unit = 0; unit < hidden; unit++) {
      double blockInput = 1 - 2 / (exponentials[unit] + 1);
      cell[unit] = 1 / (1 + exponentials[forget + unit]) * cell[unit]
          + 1 / (1 + exponentials[input + unit]) * blockInput;
    }
    for (int unit = 0; unit < hidden; unit++) {
      exponentials[unit] = Math.exp(2 * cell[unit]);
    }
    int output = 2 * hidden;
    for (int unit = 0; unit < hidden; unit++) {
      state[unit] = 1 / (1 + exponentials[output + unit]) * (1 - 2 / (exponentials[unit] + 1));
    }
  }

  @Override
  public LstmEncoder copy() {
    return new LstmEncoder(inputs, hidden, inputWeights, recurrentWeights, bias, inputRows, recurrentRows);
  }

  /**
   * The hidden and cell states after each of the leading padding steps seen so far, with the rows that led there.
   * Per encoder instance (scratch, like the rest): filled by the first sequences with padding.
   */
  private static final class PaddingStates {

    private final int hidden;
    private double[][] rows = new double[0][];
    private double[][] states = new double[0][];
    private double[][] cells = new double[0][];

    PaddingStates(int hidden) {
      this.hidden = hidden;
    }

    /**
     * Loads the state after the longest remembered prefix of {@code steps}' padding (zeros when none) and returns the
     * first step still to run.
     */
    int restore(double[][] steps, int leadingPadding, double[] state, double[] cell) {
      int known = Math.min(leadingPadding, rows.length);
      int matching = 0;
      while (matching < known && rows[matching] != null && Arrays.equals(rows[matching], steps[matching])) {
        matching++;
      }
      if (matching == 0) {
        Arrays.fill(state, 0);
        Arrays.fill(cell, 0);
      } else {
        System.arraycopy(states[matching - 1], 0, state, 0, hidden);
        System.arraycopy(cells[matching - 1], 0, cell, 0, hidden);
      }
      return matching;
    }

    /** Remembers the state after padding step {@code t}, if it is not already. */
    void remember(int t, double[] row, double[] state, double[] cell) {
      if (t >= rows.length) {
        rows = Arrays.copyOf(rows, t + 1);
        states = Arrays.copyOf(states, t + 1);
        cells = Arrays.copyOf(cells, t + 1);
      }
      if (rows[t] == null || !Arrays.equals(rows[t], row)) {
        rows[t] = row.clone();
        states[t] = state.clone();
        cells[t] = cell.clone();
        for (int later = t + 1; later < rows.length; later++) {
          rows[later] = null;
        }
      }
    }
  }
}
