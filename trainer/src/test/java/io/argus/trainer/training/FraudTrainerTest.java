package io.argus.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.FraudV1;
import io.argus.features.offline.DatasetSplit;
import io.argus.model.ModelFamily;
import io.argus.trainer.evaluation.Metrics;
import io.argus.trainer.synthetic.SyntheticFraud;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A tiny training run learns a separable synthetic problem for each family, and early stopping keeps the best. */
class FraudTrainerTest {

  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void shouldLearnSeparableSyntheticProblem(ModelFamily family) {
    DatasetSplit split = new SyntheticFraud(1, family.usesSequence(), 0.1).split(2000, 800, 800);

    FraudTrainer.TrainingRun run = new FraudTrainer(FraudV1.FEATURE_SET).train(split.train(), split.validation(),
        HyperParameters.tiny(family));

    double[] scores = run.model().score(FraudTrainer.inputs(split.test()));
    assertThat(Metrics.aucRoc(scores, FraudTrainer.labels(split.test()))).isGreaterThan(0.95);
    assertThat(run.history().epochs()).isNotEmpty();
    assertThat(run.history().best().validationAveragePrecision()).isEqualTo(run.history().epochs().stream()
        .mapToDouble(TrainingHistory.Epoch::validationAveragePrecision).max().orElseThrow());
    assertThat(run.data().trainCount()).isEqualTo(2000);
  }
}
