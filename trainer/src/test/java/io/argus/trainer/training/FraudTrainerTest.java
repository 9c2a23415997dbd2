package io.argus.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import io.argus.features.FraudV1;
import io.argus.features.offline.DatasetSplit;
import io.argus.model.ModelFamily;
import io.argus.trainer.evaluation.Metrics;
import io.argus.trainer.synthetic.SyntheticFraud;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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

  @Test
  void shouldReportEachEpochsBatchesAndFiguresToTheListener() {
    DatasetSplit split = new SyntheticFraud(2, false, 0.1).split(400, 200, 200);
    HyperParameters parameters = HyperParameters.tiny(ModelFamily.MLP).withMaxEpochs(2);
    List<String> heard = new ArrayList<>();

    FraudTrainer.TrainingRun run = new FraudTrainer(FraudV1.FEATURE_SET, recording(heard)).train(split.train(),
        split.validation(), parameters);

    int batches = (400 + parameters.batchSize() - 1) / parameters.batchSize();
    assertThat(run.history().epochs()).hasSize(2);
    assertThat(heard).filteredOn(line -> line.startsWith("start")).containsExactly(
        "start mlp epoch 1/2 " + batches + " batches", "start mlp epoch 2/2 " + batches + " batches");
    assertThat(heard).filteredOn(line -> line.startsWith("step")).hasSize(2 * batches).containsOnly("step 1");
    assertThat(heard).filteredOn(line -> line.equals("close")).hasSize(2);
    assertThat(heard.get(heard.size() - 2)).startsWith("status loss ").contains("| val AP ");
  }

  /** A listener writing down what it hears, one line per call. */
  private static ProgressListener recording(List<String> heard) {
    return (label, total, unit) -> {
      heard.add("start " + label + " " + total + " " + unit);
      return new Progress() {
        @Override
        public void step(long count) {
          heard.add("step " + count);
        }

        @Override
        public void status(String text) {
          heard.add("status " + text);
        }

        @Override
        public void close() {
          heard.add("close");
        }
      };
    };
  }
}
