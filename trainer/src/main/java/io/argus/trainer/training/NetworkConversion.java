package io.argus.trainer.training;

import io.argus.model.ModelFamily;
import io.argus.model.network.AttentionEncoder;
import io.argus.model.network.DenseWeights;
import io.argus.model.network.LstmEncoder;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.Normaliser;
import io.argus.model.network.SequenceEncoder;
import io.argus.model.network.SequenceLayout;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a trained Deeplearning4j network's parameters into the plain-Java {@link NeuralFraudModel} that scores on
 * the payment path. Layer names and parameter keys are those {@link NetworkFactory} builds; each array is copied in
 * row-major order of its Deeplearning4j shape.
 */
public final class NetworkConversion {

  private NetworkConversion() {
  }

  public static NeuralFraudModel toModel(ComputationGraph network, ModelFamily family, Normaliser staticNormaliser,
      Normaliser stepNormaliser, SequenceLayout layout) {
    SequenceEncoder encoder = switch (family) {
      case LSTM -> lstm(network.getLayer(NetworkFactory.LSTM_LAYER));
      case TRANSFORMER -> attention(network);
      case MLP -> null;
    };
    List<DenseWeights> head = new ArrayList<>();
    for (int i = 0; network.getConfiguration().getVertices().containsKey(NetworkFactory.denseLayer(i)); i++) {
      head.add(dense(network.getLayer(NetworkFactory.denseLayer(i)), DenseWeights.Activation.RELU));
    }
    head.add(dense(network.getLayer(NetworkFactory.OUTPUT_LAYER), DenseWeights.Activation.SIGMOID));
    return family.usesSequence()
        ? new NeuralFraudModel(family, staticNormaliser, stepNormaliser, layout, encoder, head)
        : new NeuralFraudModel(family, staticNormaliser, null, null, null, head);
  }

  private static LstmEncoder lstm(Layer layer) {
    INDArray inputWeights = layer.getParam("W");
    int hidden = (int) inputWeights.size(1) / 4;
    return new LstmEncoder((int) inputWeights.size(0), hidden, rowMajor(inputWeights), rowMajor(layer.getParam("RW")),
        rowMajor(layer.getParam("b")));
  }

  private static AttentionEncoder attention(ComputationGraph network) {
    DenseWeights embedding = dense(network.getLayer(NetworkFactory.EMBEDDING_LAYER), DenseWeights.Activation.TANH);
    Layer attention = network.getLayer(NetworkFactory.ATTENTION_LAYER);
    INDArray queries = attention.getParam("Wq");
    INDArray output = attention.getParam("Wo");
    return new AttentionEncoder(embedding, (int) queries.size(0), (int) queries.size(1), (int) output.size(1),
        rowMajor(queries), rowMajor(attention.getParam("Wk")), rowMajor(attention.getParam("Wv")), rowMajor(output));
  }

  private static DenseWeights dense(Layer layer, DenseWeights.Activation activation) {
    INDArray weights = layer.getParam("W");
    return new DenseWeights((int) weights.size(0), (int) weights.size(1), rowMajor(weights),
        rowMajor(layer.getParam("b")), activation);
  }

  private static double[] rowMajor(INDArray array) {
    return array.dup('c').castTo(DataType.DOUBLE).data().asDouble();
  }
}
