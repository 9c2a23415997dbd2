package io.argus.trainer.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PopulationStabilityTest {

  private static final double[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  @Test
  void shouldBeZeroForTheSameDistribution() {
    assertThat(PopulationStability.index(ONE_TO_TEN, ONE_TO_TEN.clone(), 5)).isCloseTo(0, within(1e-12));
  }

  @Test
  void shouldMatchHandComputedIndex() {
    // two bins cut at 6: reference shares 0.5 / 0.5, recent 0.8 / 0.2
    double[] recent = {1, 1, 1, 1, 1, 1, 1, 1, 10, 10};
    double expected = 0.3 * Math.log(0.8 / 0.5) + (-0.3) * Math.log(0.2 / 0.5);
    assertThat(PopulationStability.index(ONE_TO_TEN, recent, 2)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void shouldStayFiniteWhenARecentBinIsEmpty() {
    double[] recent = {1, 1, 1, 1};
    double expected = (1 - 0.5) * Math.log(1 / 0.5) + (PopulationStability.EMPTY_SHARE - 0.5)
        * Math.log(PopulationStability.EMPTY_SHARE / 0.5);
    assertThat(PopulationStability.index(ONE_TO_TEN, recent, 2)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void shouldRefuseEmptySamples() {
    assertThatThrownBy(() -> PopulationStability.index(ONE_TO_TEN, new double[0], 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 values");
  }
}
