package io.argus.features.compute;

import static io.argus.features.Fixtures.ONE_DAY;
import static io.argus.features.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.Fixtures;
import io.argus.features.FraudV1;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
    CardFeatures features = CardHistory.featuresAt(CardSteps.EMPTY, event("1", "term-1", 10, T0), 0.5);

    assertThat(features.step().secondsSincePrevious()).isEqualTo(FraudV1.MAX_SECONDS_SINCE_PREVIOUS);
    assertThat(features.step().newTerminal()).isEqualTo(1.0);
    assertThat(features.step().terminalRisk()).isEqualTo(0.5);
    assertThat(features.amountOverMean()).isEqualTo(1.0);
    assertThat(features.amountOverMedian()).isEqualTo(1.0);
    assertThat(features.recentMaximumOverMedian()).isEqualTo(1.0);
    assertThat(features.countShort()).isEqualTo(1);
    assertThat(features.recentSteps()).hasSize(1);
  }

  @Test
  void shouldCountVelocityWindowsToTheSecond() {
    CardSteps history = CardSteps.of(List.of(
        step("1", "term-1", 10, T0.minus(Duration.ofHours(1))),              // exactly 1 h: out
        step("2", "term-2", 20, T0.minus(Duration.ofMinutes(10))),           // exactly 10 min: out of 10 min
        step("3", "term-2", 30, T0.minus(Duration.ofMinutes(10)).plusSeconds(1))));

    CardFeatures features = CardHistory.featuresAt(history, event("4", "term-2", 60, T0), 0);

    assertThat(features.countShort()).isEqualTo(2);
    assertThat(features.countLong()).isEqualTo(3);
    assertThat(features.step().secondsSincePrevious()).isEqualTo(599);
    assertThat(features.step().newTerminal()).isZero();
    assertThat(features.amountOverMean()).isEqualTo(60 / ((10 + 20 + 30 + 60) / 4.0));
  }

  @Test
  void shouldCallATerminalNewWhenTheCardLastUsedItThirtyDaysAgoOrMore() {
    CardSteps history = CardSteps.of(List.of(step("1", "term-1", 10, T0.minus(ONE_DAY.multipliedBy(30)))));

    CardFeatures features = CardHistory.featuresAt(history, event("2", "term-1", 10, T0), 0);

    assertThat(features.step().newTerminal()).isEqualTo(1.0);
    assertThat(features.step().secondsSincePrevious()).isEqualTo(FraudV1.MAX_SECONDS_SINCE_PREVIOUS);
  }

  @Test
  void shouldLeaveOutStepsWithTheCurrentIdButNotOneWhoseIdOnlySharesItsHash() {
    CardSteps history = CardSteps.of(List.of(
        step("BB", "term-1", 50, T0),                               // the current transaction itself
        step("BB", "term-1", 70, T0.minus(Duration.ofMinutes(1))),  // its id at another time
        step("Aa", "term-2", 20, T0.minus(Duration.ofMinutes(2))))); // another transaction, same hash

    CardFeatures features = CardHistory.featuresAt(history, event("BB", "term-1", 30, T0), 0);

    assertThat(features.countShort()).isEqualTo(2);
    assertThat(features.step().newTerminal()).isEqualTo(1.0);
    assertThat(features.step().secondsSincePrevious()).isEqualTo(120);
    assertThat(features.recentSteps()).extracting(CardStep::transactionId).containsExactly("Aa", "BB");
  }

  @Test
  void shouldKeepTheLastTenTransactionsOldestFirstWithTheCurrentOneLast() {
    List<CardStep> history = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      history.add(step(Integer.toString(i), "term-1", i, T0.minus(Duration.ofHours(13 - i))));
    }

    CardFeatures features = CardHistory.featuresAt(CardSteps.of(history), event("13", "term-1", 13, T0), 0);

    assertThat(features.recentSteps()).extracting(CardStep::amount)
        .containsExactly(4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0);
  }

  @Test
  void shouldCompareTheAmountAndTheLargestRecentAmountWithTheMedianOfEarlierAmounts() {
    CardSteps history = CardSteps.of(List.of(
        step("1", "term-1", 100, T0.minus(ONE_DAY.multipliedBy(30))),   // exactly 30 days: out
        step("2", "term-1", 10, T0.minus(ONE_DAY.multipliedBy(20))),
        step("3", "term-1", 20, T0.minus(ONE_DAY.multipliedBy(10))),
        step("4", "term-1", 50, T0.minus(ONE_DAY.multipliedBy(7))),     // exactly 7 days: out of the recent maximum
        step("5", "term-1", 40, T0.minus(ONE_DAY.multipliedBy(3))),
        step("6", "term-1", 30, T0.minus(ONE_DAY))));

    CardFeatures features = CardHistory.featuresAt(history, event("7", "term-1", 60, T0), 0);

    // earlier amounts 10, 20, 50, 40, 30: median 30, the current 60 excluded; largest of the last 7 days 40
    assertThat(features.amountOverMedian()).isEqualTo(60 / 30.0);
    assertThat(features.recentMaximumOverMedian()).isEqualTo(40 / 30.0);
  }

  @Test
  void shouldTakeTheMeanOfTheMiddleTwoAmountsForAnEvenCount() {
    CardSteps history = CardSteps.of(List.of(step("1", "term-1", 10, T0.minus(ONE_DAY.multipliedBy(9))),
        step("2", "term-1", 40, T0.minus(ONE_DAY.multipliedBy(8)))));

    CardFeatures features = CardHistory.featuresAt(history, event("3", "term-1", 75, T0), 0);

    assertThat(features.amountOverMedian()).isEqualTo(75 / 25.0);
    assertThat(features.recentMaximumOverMedian()).isEqualTo(1.0);
  }

  @Test
  void shouldCompareAZeroAmountAuthorizationWithTheCardsHistoryLikeAnyAmount() {
    CardSteps history = CardSteps.of(List.of(step("1", "term-1", 10, T0.minus(ONE_DAY.multipliedBy(9))),
        step("2", "term-1", 20, T0.minus(ONE_DAY.multipliedBy(8))),
        step("3", "term-1", 30, T0.minus(ONE_DAY))));

    CardFeatures features = CardHistory.featuresAt(history, event("4", "term-2", 0, T0), 0);

    assertThat(features.amountOverMean()).isZero();
    assertThat(features.amountOverMedian()).isZero();
    assertThat(features.recentMaximumOverMedian()).isEqualTo(30 / 20.0);
    assertThat(features.step().amount()).isZero();
    assertThat(features.recentSteps()).hasSize(4);
  }

  @Test
  void shouldMakeAPaymentAfterZeroAmountAuthorizationsStandOutInsteadOfDividingByZero() {
    CardSteps history = CardSteps.of(List.of(step("1", "term-1", 0, T0.minus(Duration.ofMinutes(3))),
        step("2", "term-2", 0, T0.minus(Duration.ofMinutes(2)))));

    CardFeatures payment = CardHistory.featuresAt(history, event("3", "term-3", 150, T0), 0);
    CardFeatures anotherZero = CardHistory.featuresAt(history, event("3", "term-3", 0, T0), 0);

    assertThat(payment.amountOverMedian()).as("150 over a median of 0, divided as a cent")
        .isEqualTo(150 / FraudV1.SMALLEST_AMOUNT_DIVISOR);
    assertThat(payment.amountOverMean()).isEqualTo(150 / 50.0);
    assertThat(payment.recentMaximumOverMedian()).as("0 over 0").isEqualTo(1.0);
    assertThat(anotherZero.amountOverMean()).as("every amount 0").isEqualTo(1.0);
    assertThat(anotherZero.amountOverMedian()).isEqualTo(1.0);
    assertThat(List.of(payment.amountOverMean(), payment.amountOverMedian(), payment.recentMaximumOverMedian(),
        anotherZero.amountOverMean(), anotherZero.amountOverMedian(), anotherZero.recentMaximumOverMedian()))
        .allMatch(Double::isFinite);
  }

  @Test
  void shouldGiveZeroWhenTheLargestRecentAmountIsAZeroAuthorization() {
    CardSteps history = CardSteps.of(List.of(step("1", "term-1", 10, T0.minus(ONE_DAY.multipliedBy(20))),
        step("2", "term-1", 0, T0.minus(ONE_DAY))));

    CardFeatures features = CardHistory.featuresAt(history, event("3", "term-1", 5, T0), 0);

    // earlier amounts 10 and 0: median 5; the only one of the last 7 days is the 0
    assertThat(features.amountOverMedian()).isEqualTo(1.0);
    assertThat(features.recentMaximumOverMedian()).isZero();
  }

  @Test
  void shouldOrderAHistoryWrittenOutOfOrderByEventTimeThenId() {
    // In arrival order: "5" arrived after "6", and "4" and "3" share a second and arrived id-descending.
    CardSteps history = CardSteps.of(List.of(
        step("1", "term-1", 1, T0.minusSeconds(50)),
        step("6", "term-2", 6, T0.minusSeconds(10)),
        step("5", "term-3", 5, T0.minusSeconds(20)),
        step("4", "term-4", 4, T0.minusSeconds(30)),
        step("3", "term-5", 3, T0.minusSeconds(30))));

    CardFeatures features = CardHistory.featuresAt(history, event("7", "term-9", 7, T0), 0);

    assertThat(features.recentSteps()).extracting(CardStep::transactionId)
        .containsExactly("1", "3", "4", "5", "6", "7");
    assertThat(features.step().secondsSincePrevious()).isEqualTo(10);
  }

  @Test
  void shouldAddAStepInEventOrderWhateverOrderTheyArriveInAndDropTheExpired() {
    CardSteps history = CardSteps.of(List.of(
        step("1", "term-1", 1, T0.minus(ONE_DAY.multipliedBy(40))),
        step("2", "term-1", 2, T0.minusSeconds(30)),
        step("3", "term-1", 3, T0.minusSeconds(10)),
        step("4", "term-1", 4, T0)));
    long keepAfter = EventOrder.second(T0.minus(ONE_DAY.multipliedBy(31)).toEpochMilli());

    CardSteps late = CardHistory.withStep(history, step("5", "term-1", 5, T0.minusSeconds(20)), keepAfter);
    CardSteps tieAfter = CardHistory.withStep(late, step("6", "term-1", 6, T0.minusSeconds(10)), keepAfter);
    CardSteps tieBefore = CardHistory.withStep(tieAfter, step("0", "term-1", 0, T0.minusSeconds(10)), keepAfter);
    CardSteps first = CardHistory.withStep(tieBefore, step("7", "term-1", 7, T0.minusSeconds(60)), keepAfter);

    assertThat(late.transactionIds()).containsExactly("2", "5", "3", "4");
    assertThat(tieAfter.transactionIds()).containsExactly("2", "5", "3", "6", "4");
    assertThat(tieBefore.transactionIds()).containsExactly("2", "5", "0", "3", "6", "4");
    assertThat(first.transactionIds()).containsExactly("7", "2", "5", "0", "3", "6", "4");
  }

  @Test
  void shouldFindTheMedianBySelectionAsASortWould() {
    Random random = new Random(42);
    for (int count = 1; count <= 80; count++) {
      for (int round = 0; round < 20; round++) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
          // Few distinct values in some rounds, so that ties around the middle are common.
          values[i] = round % 2 == 0 ? random.nextInt(4) * 2.5 : random.nextDouble() * 1000;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;

        assertThat(CardHistory.median(values)).as("%s", Arrays.toString(sorted)).isEqualTo(expected);
      }
    }
    assertThat(CardHistory.median(new double[0])).isZero();
  }
}
