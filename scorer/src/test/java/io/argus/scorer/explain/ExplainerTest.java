package io.argus.scorer.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.avro.Contribution;
import io.argus.features.FraudV1;
import io.argus.model.FraudModel;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.network.NetworkShape;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.Normaliser;
import io.argus.model.network.RandomNetworks;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.fixtures.LinearModel;
import io.argus.scorer.fixtures.RecurrentModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExplainerTest {

  private static final List<String> FEATURES = FraudV1.FEATURE_SET.staticNames();
  private static final int FULL_HISTORY = FraudV1.SEQUENCE_LENGTH - 1;
  private static final ExplainerConfig EXACT = ExplainerConfig.DEFAULTS;
  private static final ExplainerConfig KERNEL = new ExplainerConfig(1, 4096, 3, 4096, 5);

  private final RecurrentModel recurrent = RecurrentModel.random(7, -1.0);
  private final List<ModelInput> sample = SyntheticFeatures.sample(40, 1);
  private final List<ModelInput> transactions = SyntheticFeatures.sample(5, 2);

  @Test
  void shouldAddUpToTheScoreWithExactEnumeration() {
    Background background = Background.of(recurrent, sample);
    Explainer explainer = new Explainer(fraudV1Layout(3), EXACT);

    for (ModelInput transaction : transactions) {
      Explanation explanation = explainer.explain(recurrent, background, transaction);

      assertThat(explanation.contributions()).hasSize(10);
      assertThat(explanation.score()).isCloseTo(recurrent.score(transaction), within(1e-12));
      assertThat(explanation.baseValue()).isCloseTo(background.baseValue(), within(1e-12));
      assertThat(explanation.baseValue() + sum(explanation)).isCloseTo(recurrent.score(transaction), within(1e-6));
    }
  }

  @Test
  void shouldAddUpToTheScoreWithKernelShap() {
    Background background = Background.of(recurrent, sample);
    GroupLayout perFeatureAndEvent = GroupLayout.of(perFeature(FEATURES), FEATURES, 3, FraudV1.SEQUENCE_LENGTH);
    Explainer explainer = new Explainer(perFeatureAndEvent, KERNEL);

    for (ModelInput transaction : transactions) {
      Explanation explanation = explainer.explain(recurrent, background, transaction);

      assertThat(explanation.contributions()).hasSize(FEATURES.size() + 5); // event[0], [-1], [-2], [-3], [-9..-4]
      assertThat(explanation.baseValue() + sum(explanation)).isCloseTo(recurrent.score(transaction), within(1e-3));
    }
  }

  @Test
  void shouldGiveZeroToAFeatureTheModelIgnores() {
    int night = FEATURES.indexOf("TX_DURING_NIGHT");
    double[] weights = randomWeights(3);
    weights[night] = 0;
    LinearModel model = LinearModel.logistic(FEATURES, weights, -2);
    Map<String, List<String>> groups = new LinkedHashMap<>(perFeature(FEATURES.subList(0, 8)));
    groups.put("rest", FEATURES.subList(8, FEATURES.size()));
    Explainer explainer = new Explainer(GroupLayout.of(groups, FEATURES, 0, 0), EXACT);
    ModelInput nightTransaction = withValue(transactions.get(0), night, 1);

    Explanation explanation = explainer.explain(model, Background.of(model, sample), nightTransaction);

    assertThat(explanation.valueOf("TX_DURING_NIGHT")).isZero();
    assertThat(explanation.valueOf("TX_AMOUNT")).isNotZero();
  }

  @Test
  void shouldGiveZeroToEarlierTransactionsTheModelIgnores() {
    FraudModel previousAmountOnly = new PreviousAmountModel();
    List<ModelInput> fullHistories = fullHistories(20, 4);
    Explainer explainer = new Explainer(fraudV1Layout(3), EXACT);

    Explanation explanation = explainer.explain(previousAmountOnly, Background.of(previousAmountOnly, fullHistories),
        fullHistories(1, 5).get(0));

    assertThat(explanation.valueOf("event[-1]")).isNotZero();
    for (String ignored : List.of("event[0]", "event[-2]", "event[-3]", "event[-9..-4]")) {
      assertThat(explanation.valueOf(ignored)).as(ignored).isZero();
    }
  }

  @Test
  void shouldEqualWeightTimesDeviationFromTheBackgroundMeanForALinearModel() {
    double[] weights = randomWeights(11);
    LinearModel model = LinearModel.identity(FEATURES, weights, 0.25);
    Background background = Background.of(model, sample);
    double[] mean = backgroundMean(background);
    ModelInput transaction = transactions.get(1);

    Explanation exact = new Explainer(GroupLayout.of(StaticGroups.of(FraudV1.FEATURE_SET), FEATURES, 0, 0), EXACT)
        .explain(model, background, transaction);
    Explanation kernel = new Explainer(GroupLayout.of(perFeature(FEATURES), FEATURES, 0, 0), KERNEL)
        .explain(model, background, transaction);

    StaticGroups.of(FraudV1.FEATURE_SET).forEach((group, members) -> {
      double expected = members.stream().mapToInt(FEATURES::indexOf)
          .mapToDouble(i -> weights[i] * (transaction.values()[i] - mean[i])).sum();
      assertThat(exact.valueOf(group)).as(group).isCloseTo(expected, within(1e-9));
    });
    for (int i = 0; i < FEATURES.size(); i++) {
      assertThat(kernel.valueOf(FEATURES.get(i))).as(FEATURES.get(i))
          .isCloseTo(weights[i] * (transaction.values()[i] - mean[i]), within(1e-6));
    }
  }

  @Test
  void shouldApproximateExactValuesWithKernelShap() {
    Background background = Background.of(recurrent, sample);
    ModelInput transaction = transactions.get(2);

    Explanation exact = new Explainer(fraudV1Layout(3), EXACT).explain(recurrent, background, transaction);
    Explanation kernel = new Explainer(fraudV1Layout(3), KERNEL).explain(recurrent, background, transaction);

    for (Contribution contribution : exact.contributions()) {
      assertThat(kernel.valueOf(contribution.getName())).as(contribution.getName())
          .isCloseTo(contribution.getValue(), within(0.01));
    }
  }

  @Test
  void shouldCarryTheFeatureValueOfSingleFeatureGroupsAndSortByMagnitude() {
    LinearModel model = LinearModel.identity(FEATURES, randomWeights(5), 0);
    Explanation explanation = new Explainer(GroupLayout.of(perFeature(FEATURES), FEATURES, 0, 0), KERNEL)
        .explain(model, Background.of(model, sample), transactions.get(3));

    Contribution amount = explanation.contributions().stream()
        .filter(contribution -> contribution.getName().equals("TX_AMOUNT")).findFirst().orElseThrow();
    assertThat(amount.getFeatureValue()).isEqualTo(transactions.get(3).values()[FEATURES.indexOf("TX_AMOUNT")]);
    assertThat(explanation.top(3)).hasSize(3);
    for (int i = 1; i < explanation.contributions().size(); i++) {
      assertThat(Math.abs(explanation.contributions().get(i).getValue()))
          .isLessThanOrEqualTo(Math.abs(explanation.contributions().get(i - 1).getValue()));
    }
  }

  @Test
  void shouldRunTheSequenceEncoderOncePerDistinctSequenceCoalitionAndRow() {
    Background background = Background.of(recurrent, sample.subList(0, 10));
    GroupLayout layout = fraudV1Layout(3);
    CoalitionValues values = new CoalitionValues(recurrent, layout, background, transactions.get(0));

    ShapleyValues shapley = ExactShapley.compute(values, layout.groupCount());

    int eventCoalitions = 1 << layout.eventGroupCount();
    assertThat(values.encoderCalls()).isLessThanOrEqualTo((eventCoalitions - 2) * background.size() + 1);
    assertThat(shapley.score()).isCloseTo(recurrent.score(transactions.get(0)), within(1e-12));
  }

  @ParameterizedTest
  @EnumSource(value = ModelFamily.class, names = {"LSTM", "TRANSFORMER"}) // without event groups nothing is split
  void shouldExplainANetworkThroughItsSplitHeadAsThroughTheWholeHead(ModelFamily family) {
    NeuralFraudModel network = untrained(family);
    FraudModel wholeHead = new WholeHead(network.copy());
    GroupLayout layout = GroupLayout.of(StaticGroups.of(FraudV1.FEATURE_SET), FEATURES,
        ExplainerConfig.DEFAULT_INDIVIDUAL_EVENTS, FraudV1.SEQUENCE_LENGTH);
    Explainer explainer = new Explainer(layout, EXACT);
    Background background = Background.of(network, sample.subList(0, 3));
    assertThat(network.splitHead()).isPresent();
    assertThat(wholeHead.splitHead()).isEmpty();

    for (ModelInput transaction : transactions) {
      Explanation split = explainer.explain(network, background, transaction);
      Explanation whole = explainer.explain(wholeHead, background, transaction);

      assertThat(split.score()).isCloseTo(network.score(transaction), within(1e-12));
      assertThat(split.baseValue()).isCloseTo(whole.baseValue(), within(1e-12));
      assertThat(split.contributions()).hasSize(layout.groupCount());
      for (Contribution contribution : whole.contributions()) {
        assertThat(split.valueOf(contribution.getName())).as(contribution.getName())
            .isCloseTo(contribution.getValue(), within(1e-12));
      }
      assertThat(Math.abs(whole.contributions().get(0).getValue())).as("a contribution to compare").isGreaterThan(1e-4);
    }
  }

  private static NeuralFraudModel untrained(ModelFamily family) {
    List<ModelInput> sample = SyntheticFeatures.sample(200, 5);
    List<double[]> steps = sample.stream().flatMap(input -> Arrays.stream(input.sequence())).toList();
    return RandomNetworks.initialise(NetworkShape.standard(family),
        Normaliser.fit(FraudV1.FEATURE_SET.staticFeatures(), sample.stream().map(ModelInput::values).toList()),
        Normaliser.fit(FraudV1.FEATURE_SET.sequenceStep(), steps),
        FraudV1.SEQUENCE_LENGTH, 21);
  }

  private static GroupLayout fraudV1Layout(int individualEvents) {
    return GroupLayout.of(StaticGroups.of(FraudV1.FEATURE_SET), FEATURES, individualEvents, FraudV1.SEQUENCE_LENGTH);
  }

  private static Map<String, List<String>> perFeature(List<String> features) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    features.forEach(feature -> groups.put(feature, List.of(feature)));
    return groups;
  }

  private static double sum(Explanation explanation) {
    return explanation.contributions().stream().mapToDouble(Contribution::getValue).sum();
  }

  private static double[] randomWeights(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] weights = new double[FEATURES.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = random.nextDouble(-0.05, 0.05);
    }
    return weights;
  }

  private static double[] backgroundMean(Background background) {
    double[] mean = new double[FEATURES.size()];
    for (int row = 0; row < background.size(); row++) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += background.weight(row) * background.row(row).values()[i];
      }
    }
    return mean;
  }

  private static ModelInput withValue(ModelInput input, int feature, double value) {
    ModelInput copy = input.copy();
    copy.values()[feature] = value;
    return copy;
  }

  private static List<ModelInput> fullHistories(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ModelInput> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inputs.add(SyntheticFeatures.random(random, FULL_HISTORY));
    }
    return inputs;
  }

  /** A network seen through {@link FraudModel}'s defaults only: no split head, so explained a coalition at a time. */
  private record WholeHead(NeuralFraudModel network) implements FraudModel {
    @Override
    public String family() {
      return network.family();
    }

    @Override
    public List<String> featureNames() {
      return network.featureNames();
    }

    @Override
    public List<String> sequenceFeatureNames() {
      return network.sequenceFeatureNames();
    }

    @Override
    public double[] encodeSequence(double[][] sequence) {
      return network.encodeSequence(sequence);
    }

    @Override
    public double scoreEncoded(double[] encoding, double[] values) {
      return network.scoreEncoded(encoding, values);
    }

    @Override
    public double[] prepareValues(double[] values) {
      return network.prepareValues(values);
    }

    @Override
    public double scorePrepared(double[] encoding, double[] prepared) {
      return network.scorePrepared(encoding, prepared);
    }

    @Override
    public FraudModel copy() {
      return new WholeHead(network.copy());
    }
  }

  /** Reads only the amount of the card's previous transaction, through the sequence stage. */
  private static final class PreviousAmountModel implements FraudModel {
    @Override
    public String family() {
      return "test";
    }

    @Override
    public List<String> featureNames() {
      return FEATURES;
    }

    @Override
    public List<String> sequenceFeatureNames() {
      return FraudV1.FEATURE_SET.sequenceStepNames();
    }

    @Override
    public double[] encodeSequence(double[][] sequence) {
      return new double[] {sequence.length < 2 ? 0 : sequence[sequence.length - 2][0]};
    }

    @Override
    public double scoreEncoded(double[] encoding, double[] values) {
      return 1 / (1 + Math.exp(2 - 0.02 * encoding[0]));
    }

    @Override
    public FraudModel copy() {
      return this;
    }
  }
}
