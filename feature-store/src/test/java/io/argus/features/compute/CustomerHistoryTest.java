package io.argus.features.compute;

import static io.argus.features.Fixtures.ONE_DAY;
import static io.argus.features.Fixtures.ONE_SECOND;
import static io.argus.features.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerHistoryTest {

  private static TransactionEvent event(String id, double amount, Instant at) {
    return TransactionEvent.of(Fixtures.tx(id, "c1", "term-1", amount, at));
  }

  private static CustomerPayment payment(String id, double amount, Instant at) {
    return new CustomerPayment(id, at.toEpochMilli(), amount);
  }

  @Test
  void shouldCountWindowsAsHalfOpenIntervalsEndingAtTheCurrentTransaction() {
    CustomerPayments history = CustomerPayments.of(List.of(
        payment("1", 100, T0.minus(ONE_DAY.multipliedBy(30))),            // out of every window
        payment("2", 40, T0.minus(ONE_DAY.multipliedBy(7))),              // exactly 7 days: only in 30 days
        payment("3", 20, T0.minus(ONE_DAY)),                              // exactly 1 day: in 7 and 30 days
        payment("4", 10, T0.minus(ONE_DAY).plus(ONE_SECOND))));            // just inside the 1-day window

    CustomerFeatures features = CustomerHistory.featuresAt(history, event("5", 30, T0));

    assertThat(features.count(1)).isEqualTo(2);
    assertThat(features.averageAmount(1)).isEqualTo((10 + 30) / 2.0);
    assertThat(features.count(7)).isEqualTo(3);
    assertThat(features.averageAmount(7)).isEqualTo((20 + 10 + 30) / 3.0);
    assertThat(features.count(30)).isEqualTo(4);
    assertThat(features.averageAmount(30)).isEqualTo((40 + 20 + 10 + 30) / 4.0);
  }

  @Test
  void shouldAverageZeroAmountsLikeAnyOther() {
    CustomerPayments history = CustomerPayments.of(List.of(payment("1", 30, T0.minus(ONE_DAY.multipliedBy(2))),
        payment("2", 0, T0.minus(ONE_SECOND))));

    CustomerFeatures zero = CustomerHistory.featuresAt(history, event("3", 0, T0));
    CustomerFeatures onlyZeros = CustomerHistory.featuresAt(
        CustomerPayments.of(List.of(payment("1", 0, T0.minus(ONE_SECOND)))), event("2", 0, T0));

    assertThat(zero.count(1)).isEqualTo(2);
    assertThat(zero.averageAmount(1)).isZero();
    assertThat(zero.count(7)).isEqualTo(3);
    assertThat(zero.averageAmount(7)).isEqualTo(30 / 3.0);
    assertThat(onlyZeros.averageAmount(30)).isZero();
  }

  @Test
  void shouldLeaveOutTransactionsAfterTheCurrentOneInEventOrder() {
    CustomerPayments history = CustomerPayments.of(List.of(
        payment("9", 50, T0),                     // same second, smaller id: before
        payment("11", 70, T0),                    // same second, larger id: after
        payment("3", 90, T0.plus(ONE_SECOND))));   // later

    CustomerFeatures features = CustomerHistory.featuresAt(history, event("10", 30, T0));

    assertThat(features.count(1)).isEqualTo(2);
    assertThat(features.averageAmount(1)).isEqualTo(40);
  }

  @Test
  void shouldNotCountAPaymentWithTheCurrentIdButOneWhoseIdOnlySharesItsHash() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    CustomerPayments history = CustomerPayments.of(List.of(
        payment("BB", 50, T0),                    // the current transaction itself
        payment("BB", 70, T0.minus(ONE_SECOND)),  // its id at another time
        payment("Aa", 20, T0.minus(ONE_SECOND)))); // another transaction, same hash

    CustomerFeatures features = CustomerHistory.featuresAt(history, event("BB", 30, T0));

    assertThat(features.count(1)).isEqualTo(2);
    assertThat(features.averageAmount(1)).isEqualTo(25);
  }

  @Test
  void shouldForgetPaymentsOlderThanTheHorizonPlusLateness() {
    long keepAfter = CustomerHistory.keepAfterSecond(T0.toEpochMilli(), java.time.Duration.ZERO);
    CustomerPayments history = CustomerPayments.of(List.of(payment("1", 1, T0.minus(ONE_DAY.multipliedBy(30))),
        payment("2", 2, T0.minus(ONE_DAY.multipliedBy(30)).plus(ONE_SECOND))));

    CustomerPayments kept = CustomerHistory.withPayment(history, event("3", 3, T0), keepAfter);

    assertThat(kept.transactionIds()).containsExactly("2", "3");
  }
}
