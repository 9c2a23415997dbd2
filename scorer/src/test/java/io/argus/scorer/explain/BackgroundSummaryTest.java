package io.argus.scorer.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.features.FraudV1;
import io.argus.model.ModelInput;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.fixtures.LinearModel;
import io.argus.scorer.fixtures.RecurrentModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackgroundSummaryTest {

  @Test
  void shouldWeighEachRepresentativeByTheSizeOfItsCluster() {
    List<ModelInput> rows = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(3);
    rows.addAll(cluster(random, 10.0, 30));
    rows.addAll(cluster(random, 500.0, 10));
    LinearModel model = LinearModel.identity(FraudV1.FEATURE_SET.staticNames(), amountWeight(), 0);

    Background summary = BackgroundSummary.summarise(model, rows, 2);

    assertThat(summary.size()).isEqualTo(2);
    double smallAmountsWeight = IntStream.range(0, 2).filter(row -> summary.row(row).values()[0] < 100)
        .mapToDouble(summary::weight).sum();
    assertThat(smallAmountsWeight).isCloseTo(0.75, within(1e-12));
    assertThat(rows).contains(summary.row(0), summary.row(1));
  }

  @Test
  void shouldKeepTheBaseValueCloseToTheWholeSample() {
    RecurrentModel model = RecurrentModel.random(7, -1);
    List<ModelInput> rows = SyntheticFeatures.sample(200, 9);

    double whole = Background.of(model, rows).baseValue();
    Background summary = BackgroundSummary.summarise(model, rows, 20);

    assertThat(summary.size()).isLessThanOrEqualTo(20);
    assertThat(IntStream.range(0, summary.size()).mapToDouble(summary::weight).sum()).isCloseTo(1, within(1e-12));
    assertThat(summary.baseValue()).isCloseTo(whole, within(0.05));
  }

  @Test
  void shouldUseTheWholeSampleWhenAskedForAsManyRowsOrNone() {
    RecurrentModel model = RecurrentModel.random(7, -1);
    List<ModelInput> rows = SyntheticFeatures.sample(12, 9);

    assertThat(BackgroundSummary.summarise(model, rows, 0).size()).isEqualTo(12);
    assertThat(BackgroundSummary.summarise(model, rows, 50).size()).isEqualTo(12);
  }

  /** Rows that differ only by an amount near {@code amount}. */
  private static List<ModelInput> cluster(SplittableRandom random, double amount, int count) {
    ModelInput template = SyntheticFeatures.random(new SplittableRandom(1), 2);
    List<ModelInput> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ModelInput input = template.copy();
      input.values()[0] = amount * (1 + random.nextDouble(-0.05, 0.05));
      rows.add(input);
    }
    return rows;
  }

  private static double[] amountWeight() {
    double[] weights = new double[FraudV1.FEATURE_SET.staticNames().size()];
    weights[0] = 0.01;
    return weights;
  }
}
