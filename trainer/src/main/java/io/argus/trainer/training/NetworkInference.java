package io.argus.trainer.training;

import io.argus.model.ModelInput;
import io.argus.model.network.NeuralFraudModel;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Scores raw inputs with the trained Deeplearning4j network itself ({@code ComputationGraph.output}), preparing
 * them exactly as training does: the reference the plain-Java forward pass is measured and checked against.
 */
public final class NetworkInference {

  private final ComputationGraph network;
  private final NeuralFraudModel model;

  public NetworkInference(ComputationGraph network, NeuralFraudModel model) {
    this.network = network;
    this.model = model;
  }

  /** The network's fraud probabilities for the inputs, in one batch per call of up to 4096. */
  public double[] score(List<ModelInput> inputs) {
    return TrainingData.prepare(inputs, new boolean[inputs.size()], model.staticNormaliser(), model.stepNormaliser(),
        model.layout()).predict(network);
  }
}
