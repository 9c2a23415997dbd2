package io.argus.trainer.training;

import io.argus.model.ModelFamily;
import io.argus.model.network.SequenceLayout;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * Builds the Deeplearning4j {@link ComputationGraph} each family trains: inputs {@code sequence}
 * ({@code [batch, channels, steps]}, see {@link SequenceLayout}) and {@code static} ({@code [batch, features]});
 * the sequence stage (LSTM then its last step; or a per-step tanh embedding ({@code TimeDistributed} dense), multi-head self-attention and average
 * pooling); merged with the static features; ReLU dense layers; one sigmoid unit trained with binary cross-entropy
 * (fraud examples weighted through the label mask). Xavier initialisation, Adam, fixed seed.
 */
public final class NetworkFactory {

  static final String SEQUENCE_INPUT = "sequence";
  static final String STATIC_INPUT = "static";
  static final String LSTM_LAYER = "lstm";
  static final String EMBEDDING_LAYER = "embedding";
  static final String ATTENTION_LAYER = "attention";
  static final String OUTPUT_LAYER = "output";

  private NetworkFactory() {
  }

  static String denseLayer(int index) {
    return "dense" + index;
  }

  /** An initialised network for the hyper-parameters, {@code staticCount} static features and the layout. */
  public static ComputationGraph build(HyperParameters parameters, int staticCount, SequenceLayout layout) {
    ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
        .seed(parameters.seed())
        .dataType(DataType.FLOAT)
        .weightInit(WeightInit.XAVIER)
        .updater(new Adam(parameters.learningRate()))
        .l2(parameters.l2())
        .graphBuilder();
    String encoding = null;
    int encodingSize = 0;
    int width = parameters.sequenceWidth();
    switch (parameters.family()) {
      case LSTM -> {
        graph.addInputs(SEQUENCE_INPUT, STATIC_INPUT)
            .addLayer(LSTM_LAYER, new LSTM.Builder().nIn(layout.channels()).nOut(width)
                .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID).build(), SEQUENCE_INPUT)
            .addVertex("last", new LastTimeStepVertex(SEQUENCE_INPUT), LSTM_LAYER);
        encoding = "last";
        encodingSize = width;
      }
      case TRANSFORMER -> {
        graph.addInputs(SEQUENCE_INPUT, STATIC_INPUT)
            .addLayer(EMBEDDING_LAYER, new TimeDistributed(new DenseLayer.Builder().nIn(layout.channels())
                .nOut(width).activation(Activation.TANH).build(), RNNFormat.NCW), SEQUENCE_INPUT)
            .addLayer(ATTENTION_LAYER, new SelfAttentionLayer.Builder().nIn(width).nOut(width)
                .nHeads(parameters.attentionHeads()).headSize(width / parameters.attentionHeads())
                .projectInput(true).build(), EMBEDDING_LAYER)
            .addLayer("pooling", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), ATTENTION_LAYER);
        encoding = "pooling";
        encodingSize = width;
      }
      case MLP -> graph.addInputs(STATIC_INPUT);
    }
    String previous = STATIC_INPUT;
    if (encoding != null) {
      graph.addVertex("merge", new MergeVertex(), encoding, STATIC_INPUT);
      previous = "merge";
    }
    int inputs = encodingSize + staticCount;
    for (int i = 0; i < parameters.denseLayers(); i++) {
      graph.addLayer(denseLayer(i), new DenseLayer.Builder().nIn(inputs).nOut(parameters.denseWidth())
          .activation(Activation.RELU).build(), previous);
      previous = denseLayer(i);
      inputs = parameters.denseWidth();
    }
    graph.addLayer(OUTPUT_LAYER, new OutputLayer.Builder(new LossBinaryXENT()).nIn(inputs).nOut(1)
        .activation(Activation.SIGMOID).build(), previous);
    graph.setOutputs(OUTPUT_LAYER);
    ComputationGraph network = new ComputationGraph(graph.build());
    network.init();
    return network;
  }
}
