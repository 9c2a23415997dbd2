package io.argus.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.common.ProgressBarProbe;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void shouldShowRateAndEta() {
    String line = ProgressBarProbe.renderAfter(250, 1000, 5.0);

    assertThat(line).contains("25.0%").contains("250/1,000 records").contains("50 records/s").contains("ETA 15s");
  }

  @Test
  void shouldOmitEtaWhenTotalUnknown() {
    String line = ProgressBarProbe.renderAfter(42, 0, 2.0);

    assertThat(line).contains("42 records").contains("21 records/s").doesNotContain("ETA");
  }
}
