package io.argus.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SteadyRateTest {

  @Test
  void shouldReleaseNoRecordBeforeItIsDue() {
    SteadyRate rate = new SteadyRate(2_000); // one record every 500 us

    for (int n = 0; n < 200; n++) {
      rate.awaitDue(n);
      assertThat(System.nanoTime() - rate.startNanos()).as("record %d", n).isGreaterThanOrEqualTo(n * 500_000L);
    }
  }

  @Test
  void shouldRefuseARateThatIsNotPositive() {
    assertThatThrownBy(() -> new SteadyRate(0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new SteadyRate(Double.NaN)).hasMessageContaining("positive");
  }
}
