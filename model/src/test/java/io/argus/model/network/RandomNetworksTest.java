package io.argus.model.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.SampleInputs;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RandomNetworksTest {

  private static final List<ModelInput> INPUTS = SampleInputs.of(200, 1);

  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void shouldDrawTheSameNetworkFromTheSameSeedAndAnotherFromAnother(ModelFamily family) {
    NetworkShape shape = NetworkShape.standard(family);

    double[] first = SampleInputs.network(shape, INPUTS, 5).score(INPUTS);
    double[] again = SampleInputs.network(shape, INPUTS, 5).score(INPUTS);
    double[] other = SampleInputs.network(shape, INPUTS, 6).score(INPUTS);

    assertThat(again).containsExactly(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(Arrays.stream(first).boxed().toList())
        .allSatisfy(score -> assertThat(score).isStrictlyBetween(0.0, 1.0));
    assertThat(Arrays.stream(first).distinct().count()).as("scores vary with the input").isGreaterThan(190);
  }

  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void shouldBuildTheShapeItIsGiven(ModelFamily family) {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.standard(family), INPUTS, 5);

    assertThat(model.modelFamily()).isEqualTo(family);
    assertThat(model.head()).hasSize(3);
    assertThat(model.head().get(0).outputs()).isEqualTo(64);
    assertThat(model.head().get(2).outputs()).isEqualTo(1);
    assertThat(model.encoder() == null ? 0 : model.encoder().outputSize()).isEqualTo(family.usesSequence() ? 32 : 0);
  }
}
