package io.argus.model;

import io.argus.features.FraudV1;
import io.argus.model.network.NetworkShape;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.Normaliser;
import io.argus.model.network.RandomNetworks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded fraud_v1-shaped inputs (positive values, padded sequences) and random networks over them, for tests. */
public final class SampleInputs {

  private SampleInputs() {
  }

  /** {@code count} inputs whose cards have 0 to 9 earlier transactions; every value in [0, 100). */
  public static List<ModelInput> of(int count, long seed) {
    Random random = new Random(seed);
    int stepWidth = FraudV1.FEATURE_SET.sequenceStep().size();
    int present = FraudV1.FEATURE_SET.sequenceStepNames().indexOf(FraudV1.SEQ_PRESENT);
    List<ModelInput> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] values = random.doubles(FraudV1.FEATURE_SET.staticFeatures().size(), 0, 100).toArray();
      double[][] sequence = new double[FraudV1.SEQUENCE_LENGTH][stepWidth];
      for (int step = FraudV1.SEQUENCE_LENGTH - 1 - random.nextInt(FraudV1.SEQUENCE_LENGTH);
          step < FraudV1.SEQUENCE_LENGTH; step++) {
        sequence[step] = random.doubles(stepWidth, 0, 100).toArray();
        sequence[step][present] = 1;
      }
      inputs.add(new ModelInput(values, sequence));
    }
    return inputs;
  }

  /** A random network of {@code shape} whose normalisers are fitted on {@code inputs}. */
  public static NeuralFraudModel network(NetworkShape shape, List<ModelInput> inputs, long seed) {
    Normaliser staticNormaliser = Normaliser.fit(FraudV1.FEATURE_SET.staticFeatures(),
        inputs.stream().map(ModelInput::values).toList());
    Normaliser stepNormaliser = shape.family().usesSequence() ? Normaliser.fit(FraudV1.FEATURE_SET.sequenceStep(),
        inputs.stream().flatMap(input -> Arrays.stream(input.sequence())).toList()) : null;
    return RandomNetworks.initialise(shape, staticNormaliser, stepNormaliser, FraudV1.SEQUENCE_LENGTH, seed);
  }
}
