package io.argus.pipeline.rules;

import static io.argus.pipeline.rules.OfflineFixture.DAY_ONE;
import static io.argus.pipeline.rules.OfflineFixture.DAY_TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.features.FraudV1;
import io.argus.features.offline.OfflineStore;
import io.argus.scorer.rules.CompiledRule;
import io.argus.scorer.rules.RuleCompiler;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleBacktestTest {

  private static final RuleCompiler COMPILER = new RuleCompiler(FraudV1.FEATURE_SET);
  /** Alerts from a score of 0.35: amounts of 350 and more. */
  private static final Champion CHAMPION = new Champion("linear", "v7", OfflineFixture.amountModel(), 0.35);

  @TempDir
  Path directory;
  private OfflineStore store;

  /**
   * Day one: 10 (legitimate), 300 (fraud), 250 (legitimate, c-2), 400 (fraud), 260 (legitimate, c-2 again); day two:
   * 500 (legitimate, c-3), 50 (fraud). Frauds: 3.
   */
  @BeforeEach
  void writeStore() {
    store = OfflineStore.at(new OfflineFixture(directory)
        .transaction(DAY_ONE, 10, "c-1", false)
        .transaction(DAY_ONE, 300, "c-9", true)
        .transaction(DAY_ONE, 250, "c-2", false)
        .transaction(DAY_ONE, 400, "c-8", true)
        .transaction(DAY_ONE, 260, "c-2", false)
        .transaction(DAY_TWO, 500, "c-3", false)
        .transaction(DAY_TWO, 50, "c-7", true)
        .write());
  }

  @Test
  void shouldCountHitsPerDayWithPrecisionRecallAndTheLegitimateCustomersBothered() {
    BacktestReport report = RuleBacktest.run(store, DAY_ONE, 3, rule("TX_AMOUNT > 220.0", RuleAction.REVIEW),
        COMPILER.variables(), null);

    assertThat(report.transactions()).isEqualTo(7);
    assertThat(report.frauds()).isEqualTo(3);
    assertThat(report.hits()).isEqualTo(5);
    assertThat(report.fraudHits()).isEqualTo(2);
    assertThat(report.precision()).isCloseTo(0.4, within(1e-12));
    assertThat(report.recall()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(report.legitimateHits()).isEqualTo(3);
    assertThat(report.legitimateCustomers()).isEqualTo(2);
    assertThat(report.perDay()).extracting(BacktestReport.Day::hits).containsExactly(4L, 1L, 0L);
    assertThat(report.perDay()).extracting(BacktestReport.Day::fraudHits).containsExactly(2L, 0L, 0L);
    assertThat(report.perDay().get(2).transactions()).isZero();
    assertThat(report.model()).isNull();
  }

  @Test
  void shouldCountTheFraudsARuleAddsToTheModelsAlertsAndTheGoodCustomersItBothers() {
    BacktestReport report = RuleBacktest.run(store, DAY_ONE, 2, rule("TX_AMOUNT > 220.0", RuleAction.REVIEW),
        COMPILER.variables(), CHAMPION);

    BacktestReport.ModelComparison model = report.model();
    assertThat(model.alerts()).isEqualTo(2);
    assertThat(model.fraudAlerts()).isEqualTo(1);
    assertThat(model.fraudsAdded()).isEqualTo(1);
    assertThat(model.legitimateAdded()).isEqualTo(2);
    assertThat(report.modelRecall()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(report.combinedRecall()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void shouldCountTheAlertsAnAllowRuleSuppressesAndTheFraudsItLetsThrough() {
    BacktestReport report = RuleBacktest.run(store, DAY_ONE, 2, rule("TX_AMOUNT >= 400.0", RuleAction.ALLOW),
        COMPILER.variables(), CHAMPION);

    assertThat(report.model().alertsSuppressed()).isEqualTo(2);
    assertThat(report.model().fraudsLetThrough()).isEqualTo(1);
    assertThat(report.combinedRecall()).isZero();
  }

  @Test
  void shouldScoreWithTheChampionForARuleThatReadsTheScore() {
    BacktestReport report = RuleBacktest.run(store, DAY_ONE, 2, rule("score >= 0.3 && score < 0.45",
        RuleAction.DECLINE), COMPILER.variables(), CHAMPION);

    assertThat(report.hits()).isEqualTo(2);
    assertThat(report.fraudHits()).isEqualTo(2);
  }

  @Test
  void shouldRefuseARuleThatReadsTheScoreWithoutAModel() {
    assertThatThrownBy(() -> RuleBacktest.run(store, DAY_ONE, 2, rule("score > 0.5", RuleAction.REVIEW),
        COMPILER.variables(), null)).hasMessageContaining("give a model");
  }

  @Test
  void shouldSayWhatTheStoreHoldsWhenTheWindowIsEmpty() {
    assertThatThrownBy(() -> RuleBacktest.run(store, DAY_ONE.minusDays(30), 14, rule("TX_AMOUNT > 1.0",
        RuleAction.REVIEW), COMPILER.variables(), null))
        .hasMessageContaining("has no features from 2018-07-02 to 2018-07-15 (it holds 2018-08-01 to 2018-08-02)");
  }

  @Test
  void shouldWriteTheSameFiguresAsATableAndOneLineOfJson() throws Exception {
    BacktestReport report = RuleBacktest.run(store, DAY_ONE, 2, rule("TX_AMOUNT > 220.0", RuleAction.REVIEW),
        COMPILER.variables(), CHAMPION);

    JsonNode json = new ObjectMapper().readTree(report.json());
    assertThat(report.json()).doesNotContain("\n");
    assertThat(json.get("hits").asLong()).isEqualTo(5);
    assertThat(json.get("precision").asDouble()).isCloseTo(0.4, within(1e-12));
    assertThat(json.at("/hits_per_day/0/date").asText()).isEqualTo("2018-08-01");
    assertThat(json.at("/model/frauds_added").asLong()).isEqualTo(1);
    assertThat(report.table()).contains("2018-08-01", "precision 40.0 %, recall 66.7 %",
        "the rule adds 1 frauds the model misses and bothers 2 legitimate transactions");
  }

  private static CompiledRule rule(String expression, RuleAction action) {
    try {
      return COMPILER.compile(RiskRule.newBuilder().setId("tested").setExpression(expression).setAction(action)
          .setAuthor("test").setVersion(1).setPublishedAt(Instant.EPOCH).build());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
