package io.argus.model.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.features.FraudV1;
import io.argus.model.FraudModel;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.SampleInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The optimised forward pass (row arrays, four rows per pass, whole-array gate passes, remembered padding states)
 * gives exactly the scores and encodings of the plain loops ({@link PlainForwardPass}), for every family, whatever
 * the order in which sequences with more or less padding arrive.
 */
class ForwardPassTest {

  private static final List<ModelInput> INPUTS = SampleInputs.of(300, 3);

  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void shouldScoreExactlyAsThePlainLoops(ModelFamily family) {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.standard(family), INPUTS, 11);
    NeuralFraudModel scoring = model.copy();

    for (ModelInput input : inputs()) {
      assertThat(scoring.score(input)).isCloseTo(PlainForwardPass.score(model, input), within(0.0));
    }
  }

  @ParameterizedTest
  @EnumSource(value = ModelFamily.class, names = {"LSTM", "TRANSFORMER"})
  void shouldEncodeExactlyAsThePlainLoopsWhenPaddingComesAndGoes(ModelFamily family) {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.standard(family), INPUTS, 12);
    NeuralFraudModel scoring = model.copy();
    List<ModelInput> inputs = inputs();

    for (int round = 0; round < 2; round++) {
      for (int i = inputs.size() - 1; i >= 0; i -= 1 + round) {
        double[][] sequence = inputs.get(i).sequence();
        double[] expected = PlainForwardPass.encode(model, sequence);
        double[] actual = scoring.encodeSequence(sequence);
        for (int unit = 0; unit < expected.length; unit++) {
          assertThat(actual[unit]).as("input %d unit %d", i, unit).isCloseTo(expected[unit], within(0.0));
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void shouldScorePreparedValuesExactlyAsRawOnes(ModelFamily family) {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.standard(family), INPUTS, 13);

    for (ModelInput input : INPUTS) {
      double[] encoding = model.encodeSequence(input.sequence());
      double[] prepared = model.prepareValues(input.values());
      assertThat(model.scorePrepared(encoding, prepared)).isEqualTo(model.scoreEncoded(encoding, input.values()));
      assertThat(prepared[2]).isEqualTo(model.staticNormaliser().normalise(2, input.values()[2]));
    }
  }

  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void shouldScoreFromTheHeadsTwoSharesAsFromItsInputs(ModelFamily family) {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.standard(family), INPUTS, 14);
    FraudModel.SplitHead split = model.splitHead().orElseThrow();
    double[] encodingShare = new double[split.width()];
    double[] valuesShare = new double[split.width()];
    double[] sum = new double[split.width()];
    double smallest = 1;
    double largest = 0;

    for (int i = 0; i < INPUTS.size(); i++) {
      // the encoding of one input with the static values of another, as an explanation mixes them
      double[] encoding = model.encodeSequence(INPUTS.get(i).sequence());
      double[] prepared = model.prepareValues(INPUTS.get((i * 7 + 3) % INPUTS.size()).values());
      double expected = model.scorePrepared(encoding, prepared);
      split.encodingShare(encoding, encodingShare);
      split.valuesShare(prepared, valuesShare);
      for (int unit = 0; unit < sum.length; unit++) {
        sum[unit] = encodingShare[unit] + valuesShare[unit];
      }

      assertThat(split.finish(sum)).as("input %d", i).isCloseTo(expected, within(1e-12));
      smallest = Math.min(smallest, expected);
      largest = Math.max(largest, expected);
    }
    assertThat(largest - smallest).as("the scores compared differ").isGreaterThan(1e-3);
  }

  /**
   * The sample inputs (0 to 9 earlier transactions, padded), then sequences shorter than the layout, an all-zero step
   * between two transactions (padding in the middle, which is not leading padding), and no transaction at all.
   */
  private static List<ModelInput> inputs() {
    List<ModelInput> inputs = new ArrayList<>(INPUTS);
    int stepWidth = FraudV1.FEATURE_SET.sequenceStep().size();
    int present = FraudV1.FEATURE_SET.sequenceStepNames().indexOf(FraudV1.SEQ_PRESENT);
    ModelInput full = INPUTS.stream().filter(input -> input.sequence()[0][present] == 1).findFirst().orElseThrow();
    double[][] holed = full.copy().sequence();
    holed[4] = new double[stepWidth];
    inputs.add(new ModelInput(full.values(), holed));
    double[][] leadingHole = full.copy().sequence();
    leadingHole[0] = new double[stepWidth];
    leadingHole[2] = new double[stepWidth];
    inputs.add(new ModelInput(full.values(), leadingHole));
    inputs.add(new ModelInput(full.values(), Arrays.copyOfRange(full.sequence(), 6, 10)));
    inputs.add(new ModelInput(full.values(), new double[0][]));
    inputs.add(INPUTS.get(0));
    return inputs;
  }
}
