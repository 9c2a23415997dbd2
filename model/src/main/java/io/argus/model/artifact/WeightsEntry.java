package io.argus.model.artifact;

import io.argus.model.ModelFamily;
import io.argus.model.network.AttentionEncoder;
import io.argus.model.network.DenseWeights;
import io.argus.model.network.LstmEncoder;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.SequenceEncoder;
import io.argus.model.network.SequenceLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The network's weights in an artifact: {@code weights.json}, the index (the layers of each stage in order, with
 * their kind, activation and tensors by name and shape), and {@code weights.bin}, every tensor's values as float64
 * little-endian, row-major, back to back in the order the index lists them. Exact (the doubles the forward pass
 * runs with, bit for bit) and readable anywhere ({@code numpy.frombuffer(bytes, "<f8")}); model/README.md describes
 * each layer kind's tensors.
 */
final class WeightsEntry {

  /** The version of this entry's layout, inside {@code weights.json}. */
  static final int WEIGHTS_FORMAT = 1;
  static final String VALUE_TYPE = "float64";
  static final String BYTE_ORDER = "little-endian";

  static final String SEQUENCE = "sequence";
  static final String HEAD = "head";
  static final String DENSE = "dense";
  static final String LSTM = "lstm";
  static final String SELF_ATTENTION = "self_attention";

  /** {@code weights.json}. */
  record Index(int weightsFormat, String valueType, String byteOrder, List<Layer> layers) {
  }

  /**
   * One layer.
   *
   * @param stage {@code sequence} (the encoder) or {@code head}
   * @param kind {@code dense}, {@code lstm} or {@code self_attention}
   * @param activation a dense layer's: {@code identity}, {@code relu}, {@code tanh} or {@code sigmoid}; else null
   */
  record Layer(String name, String stage, String kind, String activation, List<Tensor> tensors) {
  }

  /** One tensor's name and shape; its values are the next {@code product(shape)} doubles of {@code weights.bin}. */
  record Tensor(String name, int[] shape) {
    int size() {
      return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }
  }

  /** The two entries' bytes. */
  record Encoded(byte[] index, byte[] values) {
  }

  private WeightsEntry() {
  }

  static Encoded write(NeuralFraudModel model) throws IOException {
    List<Layer> layers = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    SequenceEncoder encoder = model.encoder();
    if (encoder instanceof LstmEncoder lstm) {
      int gates = 4 * lstm.outputSize();
      layers.add(new Layer("lstm", SEQUENCE, LSTM, null, List.of(new Tensor("W", new int[] {lstm.inputs(), gates}),
          new Tensor("RW", new int[] {lstm.outputSize(), gates}), new Tensor("b", new int[] {gates}))));
      values.addAll(List.of(lstm.inputWeights(), lstm.recurrentWeights(), lstm.bias()));
    } else if (encoder instanceof AttentionEncoder attention) {
      addDense(layers, values, "embedding", SEQUENCE, attention.embedding());
      int[] projection = {attention.heads(), attention.headSize(), attention.embedding().outputs()};
      layers.add(new Layer("attention", SEQUENCE, SELF_ATTENTION, null, List.of(new Tensor("Wq", projection),
          new Tensor("Wk", projection), new Tensor("Wv", projection),
          new Tensor("Wo", new int[] {attention.heads() * attention.headSize(), attention.outputSize()}))));
      values.addAll(List.of(attention.queryWeights(), attention.keyWeights(), attention.valueWeights(),
          attention.outputWeights()));
    } else if (encoder != null) {
      throw new IllegalArgumentException("no weights layout for sequence encoder " + encoder.getClass().getName());
    }
    List<DenseWeights> head = model.head();
    for (int i = 0; i < head.size(); i++) {
      addDense(layers, values, i == head.size() - 1 ? "output" : "dense" + i, HEAD, head.get(i));
    }
    ByteBuffer buffer = ByteBuffer.allocate(Double.BYTES * values.stream().mapToInt(array -> array.length).sum())
        .order(ByteOrder.LITTLE_ENDIAN);
    DoubleBuffer doubles = buffer.asDoubleBuffer();
    values.forEach(doubles::put);
    return new Encoded(ArtifactFormat.JSON.writeValueAsBytes(new Index(WEIGHTS_FORMAT, VALUE_TYPE, BYTE_ORDER,
        layers)), buffer.array());
  }

  private static void addDense(List<Layer> layers, List<double[]> values, String name, String stage,
      DenseWeights dense) {
    layers.add(new Layer(name, stage, DENSE, dense.activation().name().toLowerCase(Locale.ROOT), List.of(
        new Tensor("W", new int[] {dense.inputs(), dense.outputs()}), new Tensor("b", new int[] {dense.outputs()}))));
    values.add(dense.weights().clone());
    values.add(dense.bias().clone());
  }

  /** The network the entries describe, with the manifest's normalisers and sequence layout. */
  static NeuralFraudModel read(ArtifactManifest manifest, byte[] indexBytes, byte[] valueBytes) throws IOException {
    Index index = ArtifactFormat.JSON.readValue(indexBytes, Index.class);
    if (index.weightsFormat() != WEIGHTS_FORMAT || !VALUE_TYPE.equals(index.valueType())
        || !BYTE_ORDER.equals(index.byteOrder())) {
      throw new ModelArtifactException("weights entry of format " + index.weightsFormat() + ", " + index.valueType()
          + " " + index.byteOrder() + "; this reader reads format " + WEIGHTS_FORMAT + ", " + VALUE_TYPE + " "
          + BYTE_ORDER);
    }
    long expectedBytes = (long) Double.BYTES * index.layers().stream().flatMap(layer -> layer.tensors().stream())
        .mapToLong(Tensor::size).sum();
    if (valueBytes.length != expectedBytes) {
      throw new ModelArtifactException("weights.bin holds " + valueBytes.length + " bytes but weights.json describes "
          + expectedBytes);
    }
    DoubleBuffer values = ByteBuffer.wrap(valueBytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    ModelFamily family = ModelFamily.of(manifest.family());
    List<Layer> sequenceLayers = index.layers().stream().filter(layer -> SEQUENCE.equals(layer.stage())).toList();
    List<Layer> headLayers = index.layers().stream().filter(layer -> HEAD.equals(layer.stage())).toList();
    List<Layer> inOrder = new ArrayList<>(sequenceLayers);
    inOrder.addAll(headLayers);
    if (!inOrder.equals(index.layers())) {
      throw new ModelArtifactException("weights.json must list the sequence stage's layers, then the head's, and "
          + "nothing else; it has stages " + index.layers().stream().map(Layer::stage).toList());
    }
    SequenceEncoder encoder = encoder(family, sequenceLayers, values);
    List<DenseWeights> head = new ArrayList<>();
    for (Layer layer : headLayers) {
      head.add(dense(layer, values));
    }
    if (!family.usesSequence()) {
      return new NeuralFraudModel(family, manifest.staticNormaliser(), null, null, null, head);
    }
    SequenceLayout layout = new SequenceLayout(manifest.sequenceLength(), manifest.sequenceFeatures().size());
    return new NeuralFraudModel(family, manifest.staticNormaliser(), manifest.stepNormaliser(), layout, encoder,
        head);
  }

  private static SequenceEncoder encoder(ModelFamily family, List<Layer> layers, DoubleBuffer values) {
    List<String> kinds = layers.stream().map(Layer::kind).toList();
    switch (family) {
      case LSTM -> {
        requireKinds(family, kinds, List.of(LSTM));
        Layer lstm = layers.get(0);
        requireTensorCount(lstm, 3);
        int[] inputShape = shape(lstm, 0, "W", 2);
        int hidden = inputShape[1] / 4;
        requireShape(lstm, 1, "RW", hidden, 4 * hidden);
        requireShape(lstm, 2, "b", 4 * hidden);
        return new LstmEncoder(inputShape[0], hidden, take(values, lstm, 0), take(values, lstm, 1),
            take(values, lstm, 2));
      }
      case TRANSFORMER -> {
        requireKinds(family, kinds, List.of(DENSE, SELF_ATTENTION));
        DenseWeights embedding = dense(layers.get(0), values);
        Layer attention = layers.get(1);
        requireTensorCount(attention, 4);
        int[] projection = shape(attention, 0, "Wq", 3);
        requireShape(attention, 1, "Wk", projection);
        requireShape(attention, 2, "Wv", projection);
        int[] output = shape(attention, 3, "Wo", 2);
        return new AttentionEncoder(embedding, projection[0], projection[1], output[1], take(values, attention, 0),
            take(values, attention, 1), take(values, attention, 2), take(values, attention, 3));
      }
      case MLP -> {
        requireKinds(family, kinds, List.of());
        return null;
      }
      default -> throw new IllegalStateException("unknown family " + family);
    }
  }

  private static DenseWeights dense(Layer layer, DoubleBuffer values) {
    if (!DENSE.equals(layer.kind()) || layer.activation() == null) {
      throw new ModelArtifactException("layer " + layer.name() + " must be dense with an activation, it is "
          + layer.kind() + " with " + layer.activation());
    }
    requireTensorCount(layer, 2);
    int[] weights = shape(layer, 0, "W", 2);
    requireShape(layer, 1, "b", weights[1]);
    DenseWeights.Activation activation = DenseWeights.Activation.valueOf(layer.activation().toUpperCase(Locale.ROOT));
    return new DenseWeights(weights[0], weights[1], take(values, layer, 0), take(values, layer, 1), activation);
  }

  private static void requireKinds(ModelFamily family, List<String> kinds, List<String> expected) {
    if (!kinds.equals(expected)) {
      throw new ModelArtifactException("a " + family.id() + " network's sequence stage is " + expected
          + ", weights.json has " + kinds);
    }
  }

  private static void requireTensorCount(Layer layer, int count) {
    if (layer.tensors().size() != count) {
      throw new ModelArtifactException("layer " + layer.name() + " (" + layer.kind() + ") needs " + count
          + " tensors, it has " + layer.tensors().size());
    }
  }

  /** The shape of tensor {@code position} of {@code layer}, which must be named {@code name} and have that rank. */
  private static int[] shape(Layer layer, int position, String name, int rank) {
    if (layer.tensors().size() <= position || !layer.tensors().get(position).name().equals(name)
        || layer.tensors().get(position).shape().length != rank) {
      throw new ModelArtifactException("layer " + layer.name() + " needs tensor " + position + " named " + name
          + " of rank " + rank + ", it has " + layer.tensors().stream()
          .map(tensor -> tensor.name() + Arrays.toString(tensor.shape())).toList());
    }
    return layer.tensors().get(position).shape();
  }

  private static void requireShape(Layer layer, int position, String name, int... expected) {
    int[] actual = shape(layer, position, name, expected.length);
    if (!Arrays.equals(actual, expected)) {
      throw new ModelArtifactException("layer " + layer.name() + " tensor " + name + " has shape "
          + Arrays.toString(actual) + ", expected " + Arrays.toString(expected));
    }
  }

  private static double[] take(DoubleBuffer values, Layer layer, int position) {
    double[] tensor = new double[layer.tensors().get(position).size()];
    values.get(tensor);
    return tensor;
  }
}
