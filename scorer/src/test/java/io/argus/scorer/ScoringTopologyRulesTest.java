package io.argus.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Alert;
import io.argus.avro.Decision;
import io.argus.avro.FeatureVector;
import io.argus.avro.FiredRule;
import io.argus.avro.FraudScore;
import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.features.FraudV1;
import io.argus.model.ModelInput;
import io.argus.schemas.Topics;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.fixtures.LinearModel;
import io.argus.scorer.fixtures.Releases;
import io.argus.scorer.fixtures.ScriptedClock;
import io.argus.scorer.metrics.ScorerMetrics;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.rules.CompiledRule;
import io.argus.scorer.rules.RuleCompiler;
import io.argus.scorer.rules.RuleHolder;
import io.argus.scorer.rules.RuleRejectedException;
import io.argus.scorer.rules.RuleSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoring topology with rules in force ({@code TopologyTestDriver}): decisions, rules recorded, alerts raised. */
class ScoringTopologyRulesTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:15:30Z");
  private static final List<String> FEATURES = FraudV1.FEATURE_SET.staticNames();
  private static final int AMOUNT = FEATURES.indexOf(FraudV1.TX_AMOUNT);
  /** Scores 0.047 with the model below: approved, no alert. */
  private static final double LOW_AMOUNT = 50;
  /** Scores 0.998: declined by the model, alerted. */
  private static final double HIGH_AMOUNT = 500;
  private static final RuleCompiler COMPILER = new RuleCompiler(FraudV1.FEATURE_SET);

  private final List<ModelInput> background = SyntheticFeatures.sample(30, 11);
  private final ScorerMetrics metrics = new ScorerMetrics(new SimpleMeterRegistry());
  private final ScriptedClock clock = new ScriptedClock(T0.plusMillis(7));
  private final RuleHolder rules = RuleHolder.of(RuleSet.EMPTY);
  private TopologyTestDriver driver;
  private TestInputTopic<String, FeatureVector> features;
  private TestOutputTopic<String, FraudScore> scores;
  private TestOutputTopic<String, Alert> alerts;

  @TempDir
  Path stateDir;

  @BeforeEach
  void startDriver() {
    ModelHolder holder = new ModelHolder(release -> Releases.loaded(amountModel(), background), FraudV1.FEATURE_SET,
        ExplainerConfig.DEFAULTS, alert -> { }, metrics, clock);
    assertThat(holder.adopt(Releases.champion("logistic", "v1"))).isTrue();
    Properties settings = new Properties();
    settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(ScoringTopology.build(holder, rules, ScorerConfig.DEFAULTS, metrics, clock),
        ScoringTopology.config(settings, "unused:9092"));
    features = driver.createInputTopic(Topics.FEATURES.name(), new StringSerializer(),
        Topics.FEATURES.valueSerde().serializer());
    scores = driver.createOutputTopic(Topics.FRAUD_SCORES.name(), Topics.FRAUD_SCORES.keySerde().deserializer(),
        Topics.FRAUD_SCORES.valueSerde().deserializer());
    alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
        Topics.ALERTS.valueSerde().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldDeclineWhatADeclineRuleHoldsForAndRaiseAnExplainedAlertTheModelWouldNot() throws Exception {
    rules.replace(ruleSet(rule("card-present-50", "TX_AMOUNT >= 50.0 && customer_id == 'c-card-a'",
        RuleAction.DECLINE)));

    pipe(vector("t-1", "card-a", LOW_AMOUNT));

    FraudScore score = scores.readValue();
    assertThat(score.getScore()).isLessThan(0.05);
    assertThat(score.getDecision()).isEqualTo(Decision.DECLINE);
    assertThat(score.getRules()).containsExactly(new FiredRule("card-present-50", 1, RuleAction.DECLINE));
    Alert alert = alerts.readValue();
    assertThat(alert.getAlertId()).isEqualTo("fraud-t-1");
    assertThat(alert.getReferences()).containsEntry("rules", "card-present-50").containsEntry("modelAlert", "false")
        .containsEntry("decision", "DECLINE").containsEntry("eventTime", T0.toString())
        .containsEntry("customerId", "c-card-a");
    assertThat(Double.parseDouble(alert.getReferences().get("score"))).isEqualTo(score.getScore());
    assertThat(alert.getMessage()).contains("(DECLINE)").contains("rules: card-present-50 v1 (DECLINE)");
    assertThat(alert.getContributions()).isNotEmpty();
    assertThat(alert.getFeatures()).containsEntry(FraudV1.TX_AMOUNT, LOW_AMOUNT).hasSize(FEATURES.size());
    assertThat(alert.getRecentTransactions()).isNotEmpty().allSatisfy(step ->
        assertThat(step).containsEntry(FraudV1.SEQ_PRESENT, 1.0));
  }

  @Test
  void shouldApproveWithoutAlertWhatAnAllowRuleHoldsForWhateverTheModelSays() throws Exception {
    rules.replace(ruleSet(rule("trusted", "card_token == 'card-b'", RuleAction.ALLOW),
        rule("large", "TX_AMOUNT > 300.0", RuleAction.DECLINE)));

    pipe(vector("t-1", "card-b", HIGH_AMOUNT));

    FraudScore score = scores.readValue();
    assertThat(score.getScore()).isGreaterThan(0.99);
    assertThat(score.getDecision()).isEqualTo(Decision.APPROVE);
    assertThat(score.getRules()).extracting(FiredRule::getId).containsExactly("large", "trusted");
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void shouldLeaveTheModelsDecisionWhenNoRuleHolds() throws Exception {
    rules.replace(ruleSet(rule("trusted", "card_token == 'card-z'", RuleAction.ALLOW)));

    pipe(vector("t-1", "card-a", HIGH_AMOUNT));

    FraudScore score = scores.readValue();
    assertThat(score.getDecision()).isEqualTo(Decision.DECLINE);
    assertThat(score.getRules()).isEmpty();
    assertThat(alerts.readValue().getReferences()).containsEntry("modelAlert", "true").doesNotContainKey("rules");
  }

  @Test
  void shouldApplyANewRuleSetFromTheNextRecordWithoutARestart() throws Exception {
    pipe(vector("t-1", "card-a", LOW_AMOUNT));
    rules.replace(ruleSet(rule("small", "TX_AMOUNT < 100.0", RuleAction.REVIEW)));
    pipe(vector("t-2", "card-a", LOW_AMOUNT));
    rules.replace(RuleSet.EMPTY);
    pipe(vector("t-3", "card-a", LOW_AMOUNT));

    List<FraudScore> scored = scores.readValuesToList();
    assertThat(scored).extracting(FraudScore::getDecision)
        .containsExactly(Decision.APPROVE, Decision.REVIEW, Decision.APPROVE);
    assertThat(scored.get(1).getRules()).extracting(FiredRule::getId).containsExactly("small");
    assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId).containsExactly("fraud-t-2");
  }

  @Test
  void shouldScoreWhenARuleFailsOnTheTransaction() throws Exception {
    rules.replace(ruleSet(rule("past-the-end", "SEQ_AMOUNT[12] > 1.0", RuleAction.DECLINE)));

    pipe(vector("t-1", "card-a", LOW_AMOUNT));

    FraudScore score = scores.readValue();
    assertThat(score.getDecision()).isEqualTo(Decision.APPROVE);
    assertThat(score.getRules()).isEmpty();
  }

  private void pipe(FeatureVector vector) {
    features.pipeInput(vector.getCardToken(), vector);
  }

  private FeatureVector vector(String transactionId, String card, double amount) {
    ModelInput input = SyntheticFeatures.random(new java.util.SplittableRandom(5), 3);
    input.values()[AMOUNT] = amount;
    return SyntheticFeatures.vector(transactionId, card, input, T0);
  }

  private static RiskRule rule(String id, String expression, RuleAction action) {
    return RiskRule.newBuilder().setId(id).setExpression(expression).setAction(action).setAuthor("ana")
        .setVersion(1).setPublishedAt(T0).build();
  }

  private static RuleSet ruleSet(RiskRule... published) throws RuleRejectedException {
    List<CompiledRule> compiled = new ArrayList<>();
    for (RiskRule rule : published) {
      compiled.add(COMPILER.compile(rule));
    }
    return new RuleSet(compiled);
  }

  /** sigmoid(0.02 * (amount - 200)). */
  private static LinearModel amountModel() {
    double[] weights = new double[FEATURES.size()];
    weights[AMOUNT] = 0.02;
    return LinearModel.logistic(FEATURES, weights, -4);
  }
}
