package io.argus.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.FeatureDefinition.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class FraudV1Test {

  @Test
  void shouldStartWithTheHandbooksFifteenBaselineFeaturesInItsOrder() {
    assertThat(FraudV1.FEATURE_SET.staticNames().subList(0, 15)).containsExactly("TX_AMOUNT", "TX_DURING_WEEKEND",
        "TX_DURING_NIGHT", "CUSTOMER_ID_NB_TX_1DAY_WINDOW", "CUSTOMER_ID_AVG_AMOUNT_1DAY_WINDOW",
        "CUSTOMER_ID_NB_TX_7DAY_WINDOW", "CUSTOMER_ID_AVG_AMOUNT_7DAY_WINDOW", "CUSTOMER_ID_NB_TX_30DAY_WINDOW",
        "CUSTOMER_ID_AVG_AMOUNT_30DAY_WINDOW", "TERMINAL_ID_NB_TX_1DAY_WINDOW", "TERMINAL_ID_RISK_1DAY_WINDOW",
        "TERMINAL_ID_NB_TX_7DAY_WINDOW", "TERMINAL_ID_RISK_7DAY_WINDOW", "TERMINAL_ID_NB_TX_30DAY_WINDOW",
        "TERMINAL_ID_RISK_30DAY_WINDOW");
  }

  @Test
  void shouldDeclareATypeForEveryFeatureAndAPresenceFlagPerStep() {
    assertThat(FraudV1.FEATURE_SET.staticFeatures()).filteredOn(feature -> feature.name().contains("_NB_TX_"))
        .extracting(FeatureDefinition::type).containsOnly(Type.COUNT);
    assertThat(FraudV1.FEATURE_SET.sequenceStepNames()).last().isEqualTo(FraudV1.SEQ_PRESENT);
    assertThat(List.of(FraudV1.terminalHorizon().toDays(), FraudV1.customerHorizon().toDays()))
        .containsExactly(37L, 30L);
  }
}
