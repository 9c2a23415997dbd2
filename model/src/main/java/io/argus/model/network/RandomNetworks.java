package io.argus.model.network;

import io.argus.model.ModelFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Networks of a given {@link NetworkShape} with seeded random weights, initialised as the trainer's networks start:
 * Xavier (normal, mean 0, variance {@code 2 / (fanIn + fanOut)} of each matrix), zero biases except the LSTM forget
 * gate's, 1 (Deeplearning4j's default). Their scores mean nothing, but they cost exactly what a trained network of
 * the same shape costs, which is what benchmarks and serving tests need without a training run.
 */
public final class RandomNetworks {

  private static final double FORGET_GATE_BIAS = 1;

  private RandomNetworks() {
  }

  /**
   * A random network of {@code shape} over the given normalisers.
   *
   * @param stepNormaliser the sequence steps' normaliser, {@code null} for a family that ignores the sequence
   */
  public static NeuralFraudModel initialise(NetworkShape shape, Normaliser staticNormaliser,
      Normaliser stepNormaliser, int sequenceLength, long seed) {
    Random random = new Random(seed);
    ModelFamily family = shape.family();
    if (!family.usesSequence()) {
      return new NeuralFraudModel(family, staticNormaliser, null, null, null,
          head(shape, staticNormaliser.width(), random));
    }
    SequenceLayout layout = new SequenceLayout(sequenceLength, stepNormaliser.width());
    int width = shape.sequenceWidth();
    SequenceEncoder encoder = switch (family) {
      case LSTM -> new LstmEncoder(layout.channels(), width, xavier(layout.channels(), 4 * width, random),
          xavier(width, 4 * width, random), lstmBias(width));
      case TRANSFORMER -> attention(shape, layout.channels(), random);
      case MLP -> throw new IllegalStateException("mlp reads no sequence");
    };
    return new NeuralFraudModel(family, staticNormaliser, stepNormaliser, layout, encoder,
        head(shape, width + staticNormaliser.width(), random));
  }

  private static AttentionEncoder attention(NetworkShape shape, int channels, Random random) {
    int width = shape.sequenceWidth();
    int projected = shape.attentionHeads() * shape.headSize();
    DenseWeights embedding = dense(channels, width, DenseWeights.Activation.TANH, random);
    return new AttentionEncoder(embedding, shape.attentionHeads(), shape.headSize(), width,
        xavier(width, projected, random), xavier(width, projected, random), xavier(width, projected, random),
        xavier(projected, width, random));
  }

  private static List<DenseWeights> head(NetworkShape shape, int inputs, Random random) {
    List<DenseWeights> head = new ArrayList<>();
    int width = inputs;
    for (int layer = 0; layer < shape.denseLayers(); layer++) {
      head.add(dense(width, shape.denseWidth(), DenseWeights.Activation.RELU, random));
      width = shape.denseWidth();
    }
    head.add(dense(width, 1, DenseWeights.Activation.SIGMOID, random));
    return head;
  }

  private static DenseWeights dense(int inputs, int outputs, DenseWeights.Activation activation, Random random) {
    return new DenseWeights(inputs, outputs, xavier(inputs, outputs, random), new double[outputs], activation);
  }

  /** {@code fanIn x fanOut} values of a Xavier-initialised matrix. */
  private static double[] xavier(int fanIn, int fanOut, Random random) {
    double deviation = Math.sqrt(2.0 / (fanIn + fanOut));
    double[] values = new double[fanIn * fanOut];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian() * deviation;
    }
    return values;
  }

  /** Gate blocks in Deeplearning4j's order: block input, forget, output, input gate. */
  private static double[] lstmBias(int hidden) {
    double[] bias = new double[4 * hidden];
    for (int unit = hidden; unit < 2 * hidden; unit++) {
      bias[unit] = FORGET_GATE_BIAS;
    }
    return bias;
  }
}
