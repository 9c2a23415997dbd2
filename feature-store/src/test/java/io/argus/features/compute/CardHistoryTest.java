package io.argus.features.compute;

import static io.argus.features.Fixtures.ONE_DAY;
import static io.argus.features.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.Fixtures;
import io.argus.features.FraudV1;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardHistoryTest {

  private static TransactionEvent event(String id, String terminal, double amount, Instant at) {
    return TransactionEvent.of(Fixtures.tx(id, "c1", terminal, amount, at));
  }

  private static CardStep step(String id, String terminal, double amount, Instant at) {
    return new CardStep(id, at.toEpochMilli(), amount, terminal, 60, 0.25, 0);
  }

  @Test
  void shouldUseTheCapForTheFirstTransactionOfACard() {
    CardFeatures features = CardHistory.featuresAt(List.of(), event("1", "term-1", 10, T0), 0.5);

    assertThat(features.step().secondsSincePrevious()).isEqualTo(FraudV1.MAX_SECONDS_SINCE_PREVIOUS);
    assertThat(features.step().newTerminal()).isEqualTo(1.0);
    assertThat(features.step().terminalRisk()).isEqualTo(0.5);
    assertThat(features.amountOverMean()).isEqualTo(1.0);
    assertThat(features.countShort()).isEqualTo(1);
    assertThat(features.recentSteps()).hasSize(1);
  }

  @Test
  void shouldCountVelocityWindowsToTheSecond() {
    List<CardStep> history = List.of(
        step("1", "term-1", 10, T0.minus(Duration.ofHours(1))),              // exactly 1 h: out
        step("2", "term-2", 20, T0.minus(Duration.ofMinutes(10))),           // exactly 10 min: out of 10 min
        step("3", "term-2", 30, T0.minus(Duration.ofMinutes(10)).plusSeconds(1)));

    CardFeatures features = CardHistory.featuresAt(history, event("4", "term-2", 60, T0), 0);

    assertThat(features.countShort()).isEqualTo(2);
    assertThat(features.countLong()).isEqualTo(3);
    assertThat(features.step().secondsSincePrevious()).isEqualTo(599);
    assertThat(features.step().newTerminal()).isZero();
    assertThat(features.amountOverMean()).isEqualTo(60 / ((10 + 20 + 30 + 60) / 4.0));
  }

  @Test
  void shouldCallATerminalNewWhenTheCardLastUsedItThirtyDaysAgoOrMore() {
    List<CardStep> history = List.of(step("1", "term-1", 10, T0.minus(ONE_DAY.multipliedBy(30))));

    CardFeatures features = CardHistory.featuresAt(history, event("2", "term-1", 10, T0), 0);

    assertThat(features.step().newTerminal()).isEqualTo(1.0);
    assertThat(features.step().secondsSincePrevious()).isEqualTo(FraudV1.MAX_SECONDS_SINCE_PREVIOUS);
  }

  @Test
  void shouldKeepTheLastTenTransactionsOldestFirstWithTheCurrentOneLast() {
    List<CardStep> history = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      history.add(step(Integer.toString(i), "term-1", i, T0.minus(Duration.ofHours(13 - i))));
    }

    CardFeatures features = CardHistory.featuresAt(history, event("13", "term-1", 13, T0), 0);

    assertThat(features.recentSteps()).extracting(CardStep::amount)
        .containsExactly(4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0);
  }
}
