package io.argus.forecaster.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.argus.avro.Channel;
import io.argus.avro.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeAggregatorTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Instant ONE_MINUTE_LATER = T0.plusSeconds(60);
  private static final Instant TWO_MINUTES_LATER = T0.plusSeconds(120);

  /** Minute steps, 30 s of allowed lateness, a 5-minute idle timeout, EUR amounts, 2 merchant categories. */
  private final LiveForecastConfig config = new LiveForecastConfig(Duration.ofMinutes(1), Duration.ofMinutes(6),
      Duration.ofMinutes(12), Duration.ofHours(2), Duration.ofSeconds(30), Duration.ofMinutes(5),
      Duration.ofHours(1), 0.9, 3, LiveForecasterTest.CONFIG.method(), "EUR", 2, LiveForecasterTest.CONFIG.lstm());
  private final VolumeAggregator aggregator = new VolumeAggregator(config);
  private final List<VolumeAggregator.ClosedStep> closed = new ArrayList<>();

  @Test
  void shouldSumCountsAndAmountsPerSegmentInMajorUnits() {
    aggregator.add(tx(T0.plusSeconds(1), 1_050, "EUR", Channel.ONLINE, "5411"), 0, T0);
    aggregator.add(tx(T0.plusSeconds(2), 250, "EUR", Channel.CARD_PRESENT, "5411"), 0, T0);

    aggregator.add(tx(ONE_MINUTE_LATER.plusSeconds(31), 100, "EUR", Channel.ONLINE, "5411"), 0, ONE_MINUTE_LATER);
    aggregator.close(ONE_MINUTE_LATER, closed::add);

    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).start()).isEqualTo(T0);
    assertThat(closed.get(0).values()).containsOnly(
        entry("count/all", 2.0), entry("amount/all", 13.0),
        entry("count/channel=ONLINE", 1.0), entry("amount/channel=ONLINE", 10.5),
        entry("count/channel=CARD_PRESENT", 1.0), entry("amount/channel=CARD_PRESENT", 2.5),
        entry("count/merchant_category=5411", 2.0), entry("amount/merchant_category=5411", 13.0));
  }

  @Test
  void shouldCountOtherCurrenciesWithoutSummingTheirAmounts() {
    aggregator.add(tx(T0, 500, "EUR", Channel.ONLINE, "5411"), 0, T0);
    aggregator.add(tx(T0, 700, "JPY", Channel.ONLINE, "5411"), 0, T0);
    aggregator.add(tx(TWO_MINUTES_LATER, 1, "EUR", Channel.ONLINE, "5411"), 0, TWO_MINUTES_LATER);

    aggregator.close(TWO_MINUTES_LATER, closed::add);

    assertThat(closed.get(0).values()).contains(entry("count/all", 2.0), entry("amount/all", 5.0));
    assertThat(aggregator.otherCurrency()).isEqualTo(1);
  }

  @Test
  void shouldFoldMerchantCategoriesBeyondTheLimitIntoOther() {
    for (String category : List.of("5411", "5812", "7995", "4829")) {
      aggregator.add(tx(T0, 100, "EUR", Channel.ONLINE, category), 0, T0);
    }
    aggregator.add(tx(TWO_MINUTES_LATER, 1, "EUR", Channel.ONLINE, "5411"), 0, TWO_MINUTES_LATER);

    aggregator.close(TWO_MINUTES_LATER, closed::add);

    assertThat(closed.get(0).values()).contains(entry("count/merchant_category=5411", 1.0),
        entry("count/merchant_category=5812", 1.0), entry("count/merchant_category=other", 2.0));
  }

  @Test
  void shouldWaitForTheAllowedLatenessThenDropLateTransactions() {
    aggregator.add(tx(T0.plusSeconds(10), 100, "EUR", Channel.ONLINE, "5411"), 0, T0);
    aggregator.add(tx(ONE_MINUTE_LATER.plusSeconds(20), 100, "EUR", Channel.ONLINE, "5411"), 0, ONE_MINUTE_LATER);
    assertThat(aggregator.close(ONE_MINUTE_LATER, closed::add)).as("20 s past the step, inside the lateness").isZero();

    assertThat(aggregator.add(tx(T0.plusSeconds(50), 100, "EUR", Channel.ONLINE, "5411"), 0, ONE_MINUTE_LATER)).isTrue();
    aggregator.add(tx(ONE_MINUTE_LATER.plusSeconds(40), 100, "EUR", Channel.ONLINE, "5411"), 0, ONE_MINUTE_LATER);
    assertThat(aggregator.close(ONE_MINUTE_LATER, closed::add)).isEqualTo(1);

    assertThat(aggregator.add(tx(T0.plusSeconds(55), 100, "EUR", Channel.ONLINE, "5411"), 0, ONE_MINUTE_LATER)).isFalse();
    assertThat(aggregator.late()).isEqualTo(1);
    assertThat(closed.get(0).values()).containsEntry("count/all", 2.0);
  }

  @Test
  void shouldCloseEmptyStepsWithTheClockOnceTrafficHasStoppedForTheIdleTimeout() {
    aggregator.add(tx(T0.plusSeconds(45), 100, "EUR", Channel.ONLINE, "5411"), 0, T0.plusSeconds(45));

    assertThat(aggregator.close(T0.plus(Duration.ofMinutes(5)), closed::add)).isZero();
    // idle for 5 min 45 s past the last arrival: event time moves on by the 45 s beyond the timeout
    assertThat(aggregator.close(T0.plus(Duration.ofMinutes(6)).plusSeconds(30), closed::add)).isEqualTo(1);
    assertThat(aggregator.close(T0.plus(Duration.ofMinutes(9)).plusSeconds(30), closed::add)).isEqualTo(3);

    assertThat(closed).extracting(VolumeAggregator.ClosedStep::start)
        .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180));
    assertThat(closed.subList(1, 4)).allSatisfy(step -> assertThat(step.values()).isEmpty());
  }

  @Test
  void shouldHoldTheWatermarkAtTheSlowestActivePartition() {
    aggregator.expectPartitions(List.of(0, 1), T0);
    aggregator.add(tx(T0.plusSeconds(5), 100, "EUR", Channel.ONLINE, "5411"), 0, T0);
    aggregator.add(tx(TWO_MINUTES_LATER.plusSeconds(45), 100, "EUR", Channel.ONLINE, "5411"), 0, TWO_MINUTES_LATER);
    assertThat(aggregator.close(TWO_MINUTES_LATER, closed::add)).as("partition 1 has delivered nothing yet").isZero();

    aggregator.add(tx(T0.plusSeconds(50), 100, "EUR", Channel.ONLINE, "5411"), 1, TWO_MINUTES_LATER);
    assertThat(aggregator.close(TWO_MINUTES_LATER, closed::add)).as("partition 1 is at T0 + 50 s").isZero();

    aggregator.add(tx(ONE_MINUTE_LATER.plusSeconds(40), 100, "EUR", Channel.ONLINE, "5411"), 1, TWO_MINUTES_LATER);
    assertThat(aggregator.close(TWO_MINUTES_LATER, closed::add)).isEqualTo(1);
    assertThat(closed.get(0).values()).containsEntry("count/all", 2.0);
    assertThat(aggregator.late()).isZero();
  }

  @Test
  void shouldStopWaitingForAPartitionIdleForTheTimeout() {
    aggregator.expectPartitions(List.of(0, 1), T0);
    Instant later = T0.plus(Duration.ofMinutes(6));
    aggregator.add(tx(T0.plusSeconds(10), 100, "EUR", Channel.ONLINE, "5411"), 0, T0);
    aggregator.add(tx(later.plusSeconds(45), 100, "EUR", Channel.ONLINE, "5411"), 0, later);

    assertThat(aggregator.close(later, closed::add)).as("steps T0 to T0 + 6 min, partition 1 idle").isEqualTo(6);
  }

  private static Transaction tx(Instant eventTime, long amountMinor, String currency, Channel channel,
      String merchantCategory) {
    return Transaction.newBuilder()
        .setTransactionId("t-" + eventTime.toEpochMilli() + "-" + amountMinor)
        .setEventTime(eventTime)
        .setCardToken("card-token")
        .setCustomerId("c-1")
        .setTerminalId("term-1")
        .setAmountMinor(amountMinor)
        .setCurrency(currency)
        .setMerchantCategory(merchantCategory)
        .setChannel(channel)
        .build();
  }
}
