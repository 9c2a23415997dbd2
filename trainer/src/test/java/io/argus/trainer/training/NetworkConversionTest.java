package io.argus.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.features.FraudV1;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.Normaliser;
import io.argus.model.network.SequenceLayout;
import io.argus.trainer.synthetic.SyntheticFraud;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The plain-Java forward pass reproduces Deeplearning4j's output for every family, parameter by parameter. */
class NetworkConversionTest {

  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void shouldMatchDeeplearning4jOutputWithRandomParameters(ModelFamily family) {
    List<ModelInput> inputs = FraudTrainer.inputs(new SyntheticFraud(7, true, 0.3).examples(200,
        SyntheticFraud.T0));
    Normaliser staticNormaliser = Normaliser.fit(FraudV1.FEATURE_SET.staticFeatures(),
        inputs.stream().map(ModelInput::values).toList());
    Normaliser stepNormaliser = Normaliser.fit(FraudV1.FEATURE_SET.sequenceStep(),
        inputs.stream().flatMap(input -> Arrays.stream(input.sequence())).toList());
    SequenceLayout layout = family.usesSequence()
        ? new SequenceLayout(FraudV1.SEQUENCE_LENGTH, FraudV1.FEATURE_SET.sequenceStep().size()) : null;
    HyperParameters parameters = HyperParameters.tiny(family);
    ComputationGraph network = NetworkFactory.build(parameters, staticNormaliser.width(), layout);
    Nd4j.getRandom().setSeed(11);
    INDArray random = Nd4j.rand(network.params().dataType(), network.params().shape()).subi(0.5);
    network.setParams(random);
    NeuralFraudModel model = NetworkConversion.toModel(network, family, staticNormaliser,
        family.usesSequence() ? stepNormaliser : null, layout);

    TrainingData data = TrainingData.prepare(inputs, new boolean[inputs.size()], staticNormaliser, stepNormaliser,
        layout);
    double[] expected = data.predict(network);
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(model.score(inputs.get(i))).as("example %d", i).isCloseTo(expected[i], within(1e-5));
    }
    assertThat(Arrays.stream(expected).distinct().count()).as("outputs vary, so the comparison means something")
        .isGreaterThan(inputs.size() * 9L / 10);
  }
}
