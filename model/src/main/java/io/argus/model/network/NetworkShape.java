package io.argus.model.network;

import io.argus.model.ModelFamily;

/**
 * The sizes that shape a network's weights, by family: the part of the trainer's hyper-parameters that a network of
 * the same shape (trained, or {@link RandomNetworks random}) shares. The presets live here so that the trainer's
 * presets and the scorer's benchmark networks cannot drift apart.
 *
 * @param sequenceWidth LSTM units, or the transformer's model width (embedding and attention output); unused by mlp
 * @param attentionHeads self-attention heads (transformer); {@code sequenceWidth} must divide by it
 * @param denseWidth units of each hidden dense layer of the head
 * @param denseLayers hidden dense layers of the head (ReLU), before the sigmoid output
 */
public record NetworkShape(ModelFamily family, int sequenceWidth, int attentionHeads, int denseWidth,
    int denseLayers) {

  public NetworkShape {
    if (family == null || sequenceWidth < 1 || attentionHeads < 1 || sequenceWidth % attentionHeads != 0
        || denseWidth < 1 || denseLayers < 0) {
      throw new IllegalArgumentException("invalid network shape: " + family + ", sequence width " + sequenceWidth
          + ", " + attentionHeads + " heads, " + denseLayers + " dense layers of " + denseWidth);
    }
  }

  /** {@code argus train}'s shape: sequence width 32 (4 heads for the transformer), two dense layers of 64. */
  public static NetworkShape standard(ModelFamily family) {
    return new NetworkShape(family, 32, 4, 64, 2);
  }

  /** A small shape for tests and fixtures: width 8 (2 heads), one dense layer of 8. */
  public static NetworkShape tiny(ModelFamily family) {
    return new NetworkShape(family, 8, 2, 8, 1);
  }

  /** Units per attention head. */
  public int headSize() {
    return sequenceWidth / attentionHeads;
  }
}
