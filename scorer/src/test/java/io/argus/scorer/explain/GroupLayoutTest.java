package io.argus.scorer.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.features.FraudV1;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupLayoutTest {

  private static final List<String> FEATURES = FraudV1.FEATURE_SET.staticNames();

  @Test
  void shouldGiveEachRecentEventItsOwnGroupAndMergeOlderOnes() {
    GroupLayout layout = GroupLayout.of(StaticGroups.of(FraudV1.FEATURE_SET), FEATURES, 3, FraudV1.SEQUENCE_LENGTH);

    assertThat(layout.names()).containsExactly("amount", "time_of_day_and_week", "customer_history",
        "terminal_risk", "card_velocity", "event[0]", "event[-1]", "event[-2]", "event[-3]", "event[-9..-4]");
    assertThat(layout.eventGroupOfPosition(0)).isEqualTo(5);
    assertThat(layout.eventGroupOfPosition(3)).isEqualTo(8);
    assertThat(layout.eventGroupOfPosition(4)).isEqualTo(9);
    assertThat(layout.eventGroupOfPosition(9)).isEqualTo(9);
  }

  @Test
  void shouldHaveNoEventGroupsForAModelThatIgnoresTheSequence() {
    GroupLayout layout = GroupLayout.of(StaticGroups.of(FraudV1.FEATURE_SET), FEATURES, 3, 0);

    assertThat(layout.groupCount()).isEqualTo(5);
    assertThat(layout.eventGroupCount()).isZero();
  }

  @Test
  void shouldMapEachFeatureToItsGroupAndKnowSingleFeatureGroups() {
    GroupLayout layout = GroupLayout.of(
        Map.of("amount", List.of("TX_AMOUNT")), List.of("TX_AMOUNT"), 0, 0);

    assertThat(layout.groupOfFeature(0)).isZero();
    assertThat(layout.singleFeature(0)).isZero();
  }

  @Test
  void shouldRefuseAFeatureInNoGroup() {
    assertThatThrownBy(() -> GroupLayout.of(Map.of("amount", List.of("TX_AMOUNT")),
        List.of("TX_AMOUNT", "TX_DURING_NIGHT"), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TX_DURING_NIGHT is in no group");
  }
}
