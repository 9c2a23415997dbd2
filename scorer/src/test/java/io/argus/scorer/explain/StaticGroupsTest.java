package io.argus.scorer.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.features.FeatureDefinition;
import io.argus.features.FeatureDefinition.Entity;
import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticGroupsTest {

  @Test
  void shouldPutEveryFraudV1FeatureInExactlyOneGroup() {
    Map<String, List<String>> groups = StaticGroups.of(FraudV1.FEATURE_SET);

    assertThat(groups.values().stream().flatMap(List::stream))
        .containsExactlyInAnyOrderElementsOf(FraudV1.FEATURE_SET.staticNames());
  }

  @Test
  void shouldGroupFraudV1FeaturesByWhatTheyDescribe() {
    Map<String, List<String>> groups = StaticGroups.of(FraudV1.FEATURE_SET);

    assertThat(groups.keySet()).containsExactly(
        "amount", "time_of_day_and_week", "customer_history", "terminal_risk", "card_velocity");
    assertThat(groups.get("amount")).containsExactly("TX_AMOUNT", "CARD_AMOUNT_OVER_MEAN_30DAY",
        "CARD_AMOUNT_OVER_MEDIAN_30DAY", "CARD_MAX_AMOUNT_OVER_MEDIAN_7DAY");
    assertThat(groups.get("time_of_day_and_week")).containsExactly("TX_DURING_WEEKEND", "TX_DURING_NIGHT");
    assertThat(groups.get("customer_history")).hasSize(6).allMatch(name -> name.startsWith("CUSTOMER_ID_"));
    assertThat(groups.get("terminal_risk")).hasSize(9).contains("TERMINAL_ID_RISK_7DAY_WINDOW",
        "TERMINAL_ID_FRAUD_STREAK_DAYS", "CARD_NEW_TERMINAL");
    assertThat(groups.get("card_velocity")).containsExactly(
        "CARD_SECONDS_SINCE_PREVIOUS_TX", "CARD_NB_TX_10MIN_WINDOW", "CARD_NB_TX_1HOUR_WINDOW");
  }

  @Test
  void shouldNameAFeatureNoRuleTakes() {
    FeatureSet set = new FeatureSet("test_v1", List.of(
        new FeatureDefinition("TX_AMOUNT", Entity.TRANSACTION, null, null, FeatureDefinition.Normalisation.NONE, ""),
        new FeatureDefinition("MERCHANT_RISK", null, null, null, FeatureDefinition.Normalisation.NONE, "")),
        FraudV1.FEATURE_SET.sequenceStep(), 3);

    assertThatThrownBy(() -> StaticGroups.of(set))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MERCHANT_RISK");
  }
}
