package io.argus.trainer.training;

import io.argus.model.ModelInput;
import io.argus.model.network.Normaliser;
import io.argus.model.network.SequenceLayout;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Examples prepared once for the network: normalised static features and sequence steps laid out as
 * {@link SequenceLayout} says (the same code the plain-Java model runs), in flat float arrays from which mini-batches
 * are cut without re-normalising.
 */
final class TrainingData {

  private static final int INFERENCE_BATCH = 4096;

  private final int size;
  private final int staticWidth;
  private final SequenceLayout layout;
  private final float[] statics;
  private final float[] sequences;
  private final boolean[] frauds;

  private TrainingData(int size, int staticWidth, SequenceLayout layout, float[] statics, float[] sequences,
      boolean[] frauds) {
    this.size = size;
    this.staticWidth = staticWidth;
    this.layout = layout;
    this.statics = statics;
    this.sequences = sequences;
    this.frauds = frauds;
  }

  /** {@code stepNormaliser} and {@code layout} are {@code null} for a network without a sequence input. */
  static TrainingData prepare(List<ModelInput> inputs, boolean[] frauds, Normaliser staticNormaliser,
      Normaliser stepNormaliser, SequenceLayout layout) {
    int size = inputs.size();
    int staticWidth = staticNormaliser.width();
    float[] statics = new float[size * staticWidth];
    int stepSize = layout == null ? 0 : layout.channels() * layout.length();
    float[] sequences = new float[size * stepSize];
    double[][] steps = layout == null ? null : new double[layout.length()][layout.channels()];
    for (int example = 0; example < size; example++) {
      ModelInput input = inputs.get(example);
      if (input.values().length != staticWidth) {
        throw new IllegalArgumentException("example " + example + " has " + input.values().length
            + " static values, expected " + staticWidth);
      }
      for (int i = 0; i < staticWidth; i++) {
        statics[example * staticWidth + i] = (float) staticNormaliser.normalise(i, input.values()[i]);
      }
      if (layout != null) {
        layout.fill(input.sequence(), stepNormaliser, steps);
        int base = example * stepSize;
        for (int channel = 0; channel < layout.channels(); channel++) {
          for (int step = 0; step < layout.length(); step++) {
            sequences[base + channel * layout.length() + step] = (float) steps[step][channel];
          }
        }
      }
    }
    return new TrainingData(size, staticWidth, layout, statics, sequences, frauds.clone());
  }

  int size() {
    return size;
  }

  boolean[] frauds() {
    return frauds;
  }

  long fraudCount() {
    long count = 0;
    for (boolean fraud : frauds) {
      count += fraud ? 1 : 0;
    }
    return count;
  }

  /** The network inputs for examples {@code order[from..to)}, in the graph's input order. */
  INDArray[] features(int[] order, int from, int to) {
    int count = to - from;
    float[] staticBatch = new float[count * staticWidth];
    int stepSize = layout == null ? 0 : layout.channels() * layout.length();
    float[] sequenceBatch = new float[count * stepSize];
    for (int i = 0; i < count; i++) {
      int example = order[from + i];
      System.arraycopy(statics, example * staticWidth, staticBatch, i * staticWidth, staticWidth);
      System.arraycopy(sequences, example * stepSize, sequenceBatch, i * stepSize, stepSize);
    }
    INDArray staticArray = Nd4j.create(staticBatch, new long[] {count, staticWidth}, 'c');
    if (layout == null) {
      return new INDArray[] {staticArray};
    }
    INDArray sequenceArray = Nd4j.create(sequenceBatch, new long[] {count, layout.channels(), layout.length()}, 'c');
    return new INDArray[] {sequenceArray, staticArray};
  }

  /** A mini-batch whose label mask carries each example's loss weight ({@code fraudWeight} for frauds, else 1). */
  MultiDataSet batch(int[] order, int from, int to, double fraudWeight) {
    int count = to - from;
    float[] labels = new float[count];
    float[] weights = new float[count];
    for (int i = 0; i < count; i++) {
      boolean fraud = frauds[order[from + i]];
      labels[i] = fraud ? 1 : 0;
      weights[i] = fraud ? (float) fraudWeight : 1;
    }
    INDArray[] labelArray = {Nd4j.create(labels, new long[] {count, 1}, 'c')};
    INDArray[] maskArray = {Nd4j.create(weights, new long[] {count, 1}, 'c')};
    return new MultiDataSet(features(order, from, to), labelArray, null, maskArray);
  }

  /** The network's fraud probabilities for every example, in order. */
  double[] predict(ComputationGraph network) {
    int[] identity = new int[size];
    for (int i = 0; i < size; i++) {
      identity[i] = i;
    }
    double[] scores = new double[size];
    for (int from = 0; from < size; from += INFERENCE_BATCH) {
      int to = Math.min(size, from + INFERENCE_BATCH);
      INDArray output = network.output(false, features(identity, from, to))[0];
      for (int i = from; i < to; i++) {
        scores[i] = output.getDouble(i - from, 0);
      }
    }
    return scores;
  }
}
