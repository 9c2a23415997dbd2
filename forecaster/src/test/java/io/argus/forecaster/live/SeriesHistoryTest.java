package io.argus.forecaster.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesHistoryTest {

  @Test
  void shouldDropTheOldestWholePeriodSoPhasesStayAligned() {
    SeriesHistory history = new SeriesHistory(5, 3);
    assertThat(SeriesHistory.capacity(5, 3)).as("5 rounded up to whole periods of 3").isEqualTo(6);

    for (int value = 0; value < 9; value++) {
      history.append(value);
    }
    assertThat(history.values()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);

    history.append(9);
    assertThat(history.values()).containsExactly(3, 4, 5, 6, 7, 8, 9);
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.values()[i] % 3).as("phase of position %d", i).isEqualTo(i % 3);
    }
  }
}
