package io.argus.model.network;

/**
 * How a card's recent transactions become the network's sequence input, the same at training and at scoring:
 * {@code length} steps, the current transaction last; each step holds its normalised features, a presence flag
 * (1 for a real transaction, 0 for padding) and its position counted back from the current transaction (0 for the
 * current one, 1 for the oldest slot). Shorter sequences are padded at the front; a step whose raw values are all
 * zero is padding too (fraud_v1's padding rule: every value 0, {@code SEQ_PRESENT} 0), so a model tells padding
 * from data by the flag whatever the source of the sequence.
 */
public record SequenceLayout(int length, int featureCount) {

  /** Channels after the step features: presence, position. */
  public static final int EXTRA_CHANNELS = 2;

  public SequenceLayout {
    if (length < 1 || featureCount < 1) {
      throw new IllegalArgumentException("sequence layout needs positive length and features, got " + length
          + " x " + featureCount);
    }
  }

  public int channels() {
    return featureCount + EXTRA_CHANNELS;
  }

  /**
   * Writes the network input for one raw sequence into {@code out[step][channel]} ({@code length x channels}).
   * Sequences longer than {@code length} keep their most recent steps.
   *
   * @return how many steps at the front are padding (missing, or all zero), which are the same rows for every
   *     sequence: an encoder may start after them ({@link SequenceEncoder#encode(double[][], int, double[])})
   */
  public int fill(double[][] rawSequence, Normaliser normaliser, double[][] out) {
    int padding = Math.max(0, length - rawSequence.length);
    int skipped = Math.max(0, rawSequence.length - length);
    int leadingPadding = 0;
    for (int step = 0; step < length; step++) {
      double[] channels = out[step];
      double[] raw = step < padding ? null : rawSequence[skipped + step - padding];
      boolean present = raw != null && !isPadding(raw);
      if (raw != null && raw.length != featureCount) {
        throw new IllegalArgumentException("sequence step has " + raw.length + " values, expected " + featureCount);
      }
      for (int feature = 0; feature < featureCount; feature++) {
        channels[feature] = present ? normaliser.normalise(feature, raw[feature]) : 0;
      }
      channels[featureCount] = present ? 1 : 0;
      channels[featureCount + 1] = length == 1 ? 0 : (double) (length - 1 - step) / (length - 1);
      if (!present && leadingPadding == step) {
        leadingPadding++;
      }
    }
    return leadingPadding;
  }

  private static boolean isPadding(double[] raw) {
    for (double value : raw) {
      if (value != 0) {
        return false;
      }
    }
    return true;
  }
}
