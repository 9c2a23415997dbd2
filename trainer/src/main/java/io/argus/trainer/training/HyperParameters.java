package io.argus.trainer.training;

import io.argus.model.ModelFamily;
import io.argus.model.network.NetworkShape;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that shapes a training run, in one described object (it travels in the model artifact).
 *
 * @param family which network: lstm, transformer or mlp
 * @param sequenceWidth LSTM units, or the transformer's model width (embedding and attention output); unused by mlp
 * @param attentionHeads self-attention heads (transformer); {@code sequenceWidth} must divide by it
 * @param denseWidth units of each hidden dense layer of the head
 * @param denseLayers hidden dense layers of the head (ReLU), before the sigmoid output
 * @param learningRate Adam's step size
 * @param l2 L2 weight decay on all weights
 * @param batchSize examples per parameter update
 * @param maxEpochs passes over the training window at most
 * @param patience epochs without a better validation average precision before training stops (early stopping)
 * @param fraudWeight weight of a fraud in the binary cross-entropy (legitimate: 1); 0 means
 *     {@code sqrt(legitimate / frauds)} of the training window
 * @param seed initialisation and shuffling seed
 */
public record HyperParameters(
    ModelFamily family, int sequenceWidth, int attentionHeads, int denseWidth, int denseLayers, double learningRate,
    double l2, int batchSize, int maxEpochs, int patience, double fraudWeight, long seed) {

  public static final long DEFAULT_SEED = 42;

  public HyperParameters {
    if (family == null || sequenceWidth < 1 || denseWidth < 1 || denseLayers < 0 || batchSize < 1 || maxEpochs < 1 || patience < 1
        || attentionHeads < 1 || sequenceWidth % attentionHeads != 0 || !(learningRate > 0) || l2 < 0
        || fraudWeight < 0) {
      throw new IllegalArgumentException("invalid hyper-parameters " + describe(family, sequenceWidth,
          attentionHeads, denseWidth, denseLayers, learningRate, l2, batchSize, maxEpochs, patience, fraudWeight));
    }
  }

  /**
   * The preset for a family, used by {@code argus train}: the {@link NetworkShape#standard standard shape} (lstm =
   * 32 LSTM units; transformer = width 32, 4 heads; both and mlp with two dense layers of 64), Adam 0.001, L2 1e-5,
   * batches of 256, at most 30 epochs with patience 5, fraud weight 1, seed 42. The weight is 1 because on the handbook data the weighted loss ranked worse (measured
   * with the 20 static features fraud_v1 had then: the MLP's test average precision was 0.426 with weight
   * sqrt(legitimate / frauds) = 10.6 against 0.649 with 1); trainer/README.md has the current figures.
   */
  public static HyperParameters standard(ModelFamily family) {
    return of(NetworkShape.standard(family), 1e-3, 1e-5, 256, 30, 5, 1, DEFAULT_SEED);
  }

  /**
   * A small, fast preset for tests and fixtures: the {@link NetworkShape#tiny tiny shape} (width 8, 2 heads, one
   * dense layer of 8), Adam 0.01, batches of 64, at most 15 epochs with patience 4, the same automatic fraud
   * weight, seed 42.
   */
  public static HyperParameters tiny(ModelFamily family) {
    return of(NetworkShape.tiny(family), 1e-2, 0, 64, 15, 4, 0, DEFAULT_SEED);
  }

  /** The hyper-parameters of a network of {@code shape} trained with the rest. */
  public static HyperParameters of(NetworkShape shape, double learningRate, double l2, int batchSize, int maxEpochs,
      int patience, double fraudWeight, long seed) {
    return new HyperParameters(shape.family(), shape.sequenceWidth(), shape.attentionHeads(), shape.denseWidth(),
        shape.denseLayers(), learningRate, l2, batchSize, maxEpochs, patience, fraudWeight, seed);
  }

  /** The sizes of the network these hyper-parameters train. */
  public NetworkShape shape() {
    return new NetworkShape(family, sequenceWidth, attentionHeads, denseWidth, denseLayers);
  }

  public HyperParameters withSeed(long newSeed) {
    return new HyperParameters(family, sequenceWidth, attentionHeads, denseWidth, denseLayers, learningRate, l2,
        batchSize, maxEpochs, patience, fraudWeight, newSeed);
  }

  public HyperParameters withFraudWeight(double weight) {
    return new HyperParameters(family, sequenceWidth, attentionHeads, denseWidth, denseLayers, learningRate, l2,
        batchSize, maxEpochs, patience, weight, seed);
  }

  public HyperParameters withMaxEpochs(int epochs) {
    return new HyperParameters(family, sequenceWidth, attentionHeads, denseWidth, denseLayers, learningRate, l2,
        batchSize, epochs, patience, fraudWeight, seed);
  }

  /** The values by name, for the artifact manifest and the report. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("family", family.id());
    map.put("sequence_width", sequenceWidth);
    map.put("attention_heads", attentionHeads);
    map.put("dense_width", denseWidth);
    map.put("dense_layers", denseLayers);
    map.put("learning_rate", learningRate);
    map.put("l2", l2);
    map.put("batch_size", batchSize);
    map.put("max_epochs", maxEpochs);
    map.put("patience", patience);
    map.put("fraud_weight", fraudWeight);
    map.put("seed", seed);
    return map;
  }

  /** One line, for logs and reports. */
  public String describe() {
    return describe(family, sequenceWidth, attentionHeads, denseWidth, denseLayers, learningRate, l2, batchSize,
        maxEpochs, patience, fraudWeight) + ", seed " + seed;
  }

  private static String describe(ModelFamily family, int sequenceWidth, int attentionHeads, int denseWidth,
      int denseLayers, double learningRate, double l2, int batchSize, int maxEpochs, int patience,
      double fraudWeight) {
    return String.format(Locale.ROOT, "%s: sequence width %d, %d heads, %d dense layers of %d, Adam %s, L2 %s, "
            + "batch %d, max %d epochs, patience %d, fraud weight %s", String.valueOf(family == null ? null : family.id()),
        sequenceWidth, attentionHeads, denseLayers, denseWidth, learningRate, l2, batchSize, maxEpochs, patience,
        fraudWeight == 0 ? "sqrt(legitimate/frauds)" : String.valueOf(fraudWeight));
  }
}
