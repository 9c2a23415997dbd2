package io.argus.trainer.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ChampionChallengerTest {

  @Test
  void shouldPromoteOnlyAStrictlyBetterChallenger() {
    assertThat(ChampionChallenger.decide(0.70, OptionalDouble.of(0.65)).promote()).isTrue();
    assertThat(ChampionChallenger.decide(0.60, OptionalDouble.of(0.65)).promote()).isFalse();
    assertThat(ChampionChallenger.decide(0.65, OptionalDouble.of(0.65)).promote()).isFalse();
  }

  @Test
  void shouldPromoteWhenThereIsNoChampion() {
    ChampionChallenger.Decision decision = ChampionChallenger.decide(0.4, OptionalDouble.empty());
    assertThat(decision.promote()).isTrue();
    assertThat(decision.reason()).contains("no champion");
  }

  @Test
  void shouldNotPromoteAChallengerWithoutAveragePrecision() {
    assertThat(ChampionChallenger.decide(Double.NaN, OptionalDouble.empty()).promote()).isFalse();
  }
}
