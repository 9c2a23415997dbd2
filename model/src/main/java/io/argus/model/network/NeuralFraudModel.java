package io.argus.model.network;

import io.argus.model.FraudModel;
import io.argus.model.ModelFamily;
import java.util.List;
import java.util.Optional;

/**
 * A trained Argus network as a {@link FraudModel}, run by a plain-Java forward pass built from the trained
 * parameters: the sequence stage ({@link SequenceEncoder}, absent for the MLP) and a head of dense layers over
 * {@code [encoding, normalised static features]} ending in one sigmoid unit. Raw inputs are normalised inside, with
 * the normalisers fitted on the training window. Scratch buffers are per instance, so scoring allocates nothing but
 * the returned encoding; use {@link #copy()} for another thread.
 */
public final class NeuralFraudModel implements FraudModel {

  private static final double[] NO_ENCODING = new double[0];

  private final ModelFamily family;
  private final Normaliser staticNormaliser;
  private final Normaliser stepNormaliser;
  private final SequenceLayout layout;
  private final SequenceEncoder encoder;
  private final List<DenseWeights> head;
  private final double[][] steps;
  private final double[] headInput;
  private final double[][] activations;
  private final int[] nonZero;

  /**
   * @param stepNormaliser, layout, encoder {@code null} for a family that ignores the sequence
   * @param head dense layers, the first reading {@code encoder.outputSize() + static features}, the last one unit
   */
  public NeuralFraudModel(ModelFamily family, Normaliser staticNormaliser, Normaliser stepNormaliser,
      SequenceLayout layout, SequenceEncoder encoder, List<DenseWeights> head) {
    this.family = family;
    this.staticNormaliser = staticNormaliser;
    this.stepNormaliser = stepNormaliser;
    this.layout = layout;
    this.encoder = encoder;
    this.head = List.copyOf(head);
    int encodingSize = encoder == null ? 0 : encoder.outputSize();
    if (family.usesSequence() != (encoder != null)) {
      throw new IllegalArgumentException(family.id() + " model " + (encoder == null ? "needs" : "takes no")
          + " sequence encoder");
    }
    if (this.head.isEmpty() || this.head.get(0).inputs() != encodingSize + staticNormaliser.width()
        || this.head.get(this.head.size() - 1).outputs() != 1) {
      throw new IllegalArgumentException("head must read " + (encodingSize + staticNormaliser.width())
          + " inputs and end in one unit");
    }
    this.steps = layout == null ? null : new double[layout.length()][layout.channels()];
    this.headInput = new double[encodingSize + staticNormaliser.width()];
    this.nonZero = new int[this.head.stream().mapToInt(DenseWeights::inputs).max().orElse(0)];
    this.activations = new double[this.head.size()][];
    for (int i = 0; i < activations.length; i++) {
      activations[i] = new double[this.head.get(i).outputs()];
    }
  }

  @Override
  public String family() {
    return family.id();
  }

  public ModelFamily modelFamily() {
    return family;
  }

  @Override
  public List<String> featureNames() {
    return staticNormaliser.names();
  }

  @Override
  public List<String> sequenceFeatureNames() {
    return stepNormaliser == null ? List.of() : stepNormaliser.names();
  }

  public Normaliser staticNormaliser() {
    return staticNormaliser;
  }

  /** {@code null} for a family that ignores the sequence. */
  public Normaliser stepNormaliser() {
    return stepNormaliser;
  }

  /** {@code null} for a family that ignores the sequence. */
  public SequenceLayout layout() {
    return layout;
  }

  /** The sequence stage; {@code null} for a family that ignores the sequence. */
  public SequenceEncoder encoder() {
    return encoder;
  }

  /** The head's dense layers, the last one the sigmoid output. */
  public List<DenseWeights> head() {
    return head;
  }

  @Override
  public double[] encodeSequence(double[][] sequence) {
    if (encoder == null) {
      return NO_ENCODING;
    }
    int leadingPadding = layout.fill(sequence, stepNormaliser, steps);
    double[] encoding = new double[encoder.outputSize()];
    encoder.encode(steps, leadingPadding, encoding);
    return encoding;
  }

  @Override
  public double scoreEncoded(double[] encoding, double[] values) {
    requireSizes(encoding, values);
    for (int i = 0; i < values.length; i++) {
      headInput[encoding.length + i] = staticNormaliser.normalise(i, values[i]);
    }
    return head(encoding);
  }

  /** The normalised static values. */
  @Override
  public double[] prepareValues(double[] values) {
    if (values.length != staticNormaliser.width()) {
      throw new IllegalArgumentException(family.id() + " model expects " + staticNormaliser.width()
          + " static values, got " + values.length);
    }
    double[] prepared = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      prepared[i] = staticNormaliser.normalise(i, values[i]);
    }
    return prepared;
  }

  @Override
  public double scorePrepared(double[] encoding, double[] prepared) {
    requireSizes(encoding, prepared);
    System.arraycopy(prepared, 0, headInput, encoding.length, prepared.length);
    return head(encoding);
  }

  /** Runs the head over {@code [encoding, headInput's static part]}. */
  private double head(double[] encoding) {
    System.arraycopy(encoding, 0, headInput, 0, encoding.length);
    head.get(0).forward(headInput, activations[0], nonZero);
    return headFrom(1, activations[0]);
  }

  /** Runs the head's layers from {@code layer} on, over {@code input}, the activations of the layer before. */
  private double headFrom(int layer, double[] input) {
    for (int next = layer; next < head.size(); next++) {
      head.get(next).forward(input, activations[next], nonZero);
      input = activations[next];
    }
    return input[0];
  }

  @Override
  public Optional<SplitHead> splitHead() {
    DenseWeights first = head.get(0);
    int encodingSize = headInput.length - staticNormaliser.width();
    return Optional.of(new SplitHead() {
      @Override
      public int width() {
        return first.outputs();
      }

      @Override
      public void encodingShare(double[] encoding, double[] share) {
        if (encoding.length != encodingSize) {
          throw new IllegalArgumentException(family.id() + " model expects an encoding of " + encodingSize + ", got "
              + encoding.length);
        }
        first.partialSum(encoding, 0, false, share, nonZero);
      }

      @Override
      public void valuesShare(double[] prepared, double[] share) {
        if (prepared.length != staticNormaliser.width()) {
          throw new IllegalArgumentException(family.id() + " model expects " + staticNormaliser.width()
              + " static values, got " + prepared.length);
        }
        first.partialSum(prepared, encodingSize, true, share, nonZero);
      }

      @Override
      public double finish(double[] sum) {
        first.activate(sum);
        return headFrom(1, sum);
      }
    });
  }

  private void requireSizes(double[] encoding, double[] values) {
    if (values.length != staticNormaliser.width() || encoding.length != headInput.length - values.length) {
      throw new IllegalArgumentException(family.id() + " model expects " + staticNormaliser.width()
          + " static values and an encoding of " + (headInput.length - staticNormaliser.width()) + ", got "
          + values.length + " and " + encoding.length);
    }
  }

  @Override
  public NeuralFraudModel copy() {
    return new NeuralFraudModel(family, staticNormaliser, stepNormaliser, layout,
        encoder == null ? null : encoder.copy(), head);
  }
}
