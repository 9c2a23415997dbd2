package io.argus.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.FraudV1;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.network.AttentionEncoder;
import io.argus.model.network.DenseWeights;
import io.argus.model.network.LstmEncoder;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.Normaliser;
import io.argus.model.network.RandomNetworks;
import io.argus.model.network.SequenceLayout;
import io.argus.trainer.synthetic.SyntheticFraud;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The random networks the scorer benchmarks (built in the model module, without Deeplearning4j) have, layer by layer,
 * the shapes of the networks the trainer's standard preset trains.
 */
class NetworkShapeTest {

  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void shouldBuildRandomNetworksOfTheStandardPresetsShapes(ModelFamily family) {
    List<ModelInput> inputs = FraudTrainer.inputs(new SyntheticFraud(7, true, 0.3).examples(50, SyntheticFraud.T0));
    Normaliser staticNormaliser = Normaliser.fit(FraudV1.FEATURE_SET.staticFeatures(),
        inputs.stream().map(ModelInput::values).toList());
    Normaliser stepNormaliser = family.usesSequence() ? Normaliser.fit(FraudV1.FEATURE_SET.sequenceStep(),
        inputs.stream().flatMap(input -> Arrays.stream(input.sequence())).toList()) : null;
    SequenceLayout layout = family.usesSequence()
        ? new SequenceLayout(FraudV1.SEQUENCE_LENGTH, FraudV1.FEATURE_SET.sequenceStep().size()) : null;
    HyperParameters standard = HyperParameters.standard(family);
    ComputationGraph network = NetworkFactory.build(standard, staticNormaliser.width(), layout);
    NeuralFraudModel trained = NetworkConversion.toModel(network, family, staticNormaliser, stepNormaliser, layout);

    NeuralFraudModel random = RandomNetworks.initialise(standard.shape(), staticNormaliser, stepNormaliser,
        FraudV1.SEQUENCE_LENGTH, 3);

    assertThat(shapes(random)).isEqualTo(shapes(trained));
    assertThat(parameterCount(random)).isEqualTo(network.numParams());
  }

  private static List<String> shapes(NeuralFraudModel model) {
    List<String> shapes = new ArrayList<>();
    if (model.encoder() instanceof LstmEncoder lstm) {
      shapes.add("lstm " + lstm.inputs() + " -> " + lstm.outputSize());
    } else if (model.encoder() instanceof AttentionEncoder attention) {
      shapes.add("embedding " + dense(attention.embedding()));
      shapes.add("attention " + attention.heads() + " x " + attention.headSize() + " -> " + attention.outputSize());
    }
    model.head().forEach(layer -> shapes.add("dense " + dense(layer)));
    return shapes;
  }

  private static String dense(DenseWeights layer) {
    return layer.inputs() + " -> " + layer.outputs() + " " + layer.activation();
  }

  private static long parameterCount(NeuralFraudModel model) {
    long count = 0;
    if (model.encoder() instanceof LstmEncoder lstm) {
      count += lstm.inputWeights().length + lstm.recurrentWeights().length + lstm.bias().length;
    } else if (model.encoder() instanceof AttentionEncoder attention) {
      count += attention.embedding().weights().length + attention.embedding().bias().length
          + attention.queryWeights().length + attention.keyWeights().length + attention.valueWeights().length
          + attention.outputWeights().length;
    }
    for (DenseWeights layer : model.head()) {
      count += layer.weights().length + layer.bias().length;
    }
    return count;
  }
}
