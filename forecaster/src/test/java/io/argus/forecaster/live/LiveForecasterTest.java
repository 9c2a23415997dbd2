package io.argus.forecaster.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Channel;
import io.argus.avro.Forecast;
import io.argus.avro.ForecastPoint;
import io.argus.avro.Transaction;
import io.argus.forecaster.AutomaticForecaster;
import io.argus.forecaster.ForecastMethod;
import io.argus.forecaster.LstmSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live forecaster driven minute by minute with a manual clock: a periodic volume with noise, then a surge and
 * an outage; every series raises exactly one deviation alert per episode, none before the first.
 */
class LiveForecasterTest {

  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  static final Duration ONE_MINUTE = Duration.ofMinutes(1);
  static final int SURGE_FROM = 180;
  static final int SURGE_TO = 185;
  static final int OUTAGE_FROM = 220;
  static final int OUTAGE_TO = 230;
  static final int END = 260;

  /**
   * Minute steps, a 12-minute "day", 6-minute forecasts, 2 hours of history, no allowed lateness, a 5-minute idle
   * timeout, Holt-Winters refitted every 30 minutes, 95 % intervals, alerts after 3 breaches.
   */
  static final LiveForecastConfig CONFIG = new LiveForecastConfig(ONE_MINUTE, Duration.ofMinutes(6),
      Duration.ofMinutes(12), Duration.ofHours(2), Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(30), 0.95, 3,
      ForecastMethod.HOLT_WINTERS, "EUR", 5, LstmSettings.defaults());

  /** The same, with the method chosen per series by backtest. */
  static final LiveForecastConfig AUTO = new LiveForecastConfig(ONE_MINUTE, Duration.ofMinutes(6),
      Duration.ofMinutes(12), Duration.ofHours(2), Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(30), 0.95, 3,
      ForecastMethod.AUTO, "EUR", 5, LstmSettings.defaults());

  private final List<Forecast> forecasts = new ArrayList<>();
  private final List<Alert> alerts = new ArrayList<>();
  private final ManualClock clock = new ManualClock();
  private LiveForecaster forecaster;
  private int sequence;

  @BeforeEach
  void startForecaster() {
    forecaster = new LiveForecaster(CONFIG, forecasts::add, alerts::add, clock, Runnable::run);
  }

  @Test
  void shouldRaiseExactlyOneAlertPerBreachEpisodeAndNoneBefore() {
    Random random = new Random(11);
    for (int minute = 0; minute < END; minute++) {
      int count = normalVolume(minute, random);
      if (minute >= SURGE_FROM && minute < SURGE_TO) {
        count *= 4;
      }
      if (minute >= OUTAGE_FROM && minute < OUTAGE_TO) {
        count = 0;
      }
      minute(minute, count);
      if (minute < SURGE_FROM) {
        assertThat(alerts).as("alerts before the surge, at minute %d", minute).isEmpty();
      }
    }

    List<String> series = List.of("count/all", "amount/all", "count/channel=ONLINE", "amount/channel=ONLINE",
        "count/merchant_category=5411", "amount/merchant_category=5411");
    for (String name : series) {
      List<Alert> raised = alerts.stream().filter(alert -> alert.getReferences().get("series").equals(name))
          .collect(Collectors.toList());
      assertThat(raised).as(name).hasSize(2);
      assertThat(raised.get(0).getReferences()).containsEntry("since", at(SURGE_FROM).toString());
      assertThat(raised.get(0).getMessage()).contains("above the 95% forecast interval");
      assertThat(raised.get(1).getReferences()).containsEntry("since", at(OUTAGE_FROM).toString());
      assertThat(raised.get(1).getMessage()).contains("below the 95% forecast interval");
    }
    assertThat(alerts).hasSize(2 * series.size());
    assertThat(alerts).allSatisfy(alert -> assertThat(alert.getKind()).isEqualTo(AlertKind.FORECAST_DEVIATION));
    Alert surge = alerts.get(0);
    assertThat(Double.parseDouble(surge.getReferences().get("actual")))
        .isGreaterThan(Double.parseDouble(surge.getReferences().get("upper")));
    assertThat(surge.getAlertId()).isEqualTo("forecast-deviation/" + surge.getReferences().get("series") + "/"
        + at(SURGE_FROM).toEpochMilli());
  }

  @Test
  void shouldPublishAForecastPerSeriesEachMinuteOnceTheHistoryIsLongEnough() {
    Random random = new Random(5);
    for (int minute = 0; minute < 120; minute++) {
      minute(minute, normalVolume(minute, random));
    }

    Forecast latest = latestForecast("count/all");
    assertThat(latest.getIssueTime()).isEqualTo(at(119));
    assertThat(latest.getStepSeconds()).isEqualTo(60);
    assertThat(latest.getMethod()).isEqualTo("holt_winters");
    assertThat(latest.getIntervalLevel()).isEqualTo(0.95);
    assertThat(latest.getPoints()).extracting(ForecastPoint::getTime)
        .containsExactly(at(119), at(120), at(121), at(122), at(123), at(124));
    for (int step = 0; step < 6; step++) {
      ForecastPoint point = latest.getPoints().get(step);
      double expected = expectedVolume(119 + step);
      assertThat(point.getLower()).isLessThanOrEqualTo(point.getMean());
      assertThat(point.getUpper()).isGreaterThan(point.getMean());
      assertThat(point.getMean()).as("step %d", step).isBetween(0.8 * expected, 1.2 * expected);
    }
    assertThat(latestForecast("amount/all").getPoints().get(0).getMean())
        .isBetween(8.0 * expectedVolume(119), 12.0 * expectedVolume(119));
    long perMinute = forecasts.stream().filter(forecast -> forecast.getIssueTime().equals(at(100))).count();
    assertThat(perMinute).as("one forecast per series for the step closed at minute 100").isEqualTo(6);
    assertThat(forecaster.counters().series()).isEqualTo(6);
  }

  @Test
  void shouldForecastProvisionallyWithTheNaiveMethodFromTheHorizonPlusOneStep() {
    forecaster = new LiveForecaster(AUTO, forecasts::add, alerts::add, clock, Runnable::run);
    Random random = new Random(5);
    for (int minute = 0; minute <= 7; minute++) {
      minute(minute, normalVolume(minute, random));
      if (minute < 7) {
        assertThat(forecasts).as("forecasts after minute %d", minute).isEmpty();
      }
    }

    // minute 7's transactions closed minute 6: seven steps, the horizon plus one
    Forecast first = latestForecast("count/all");
    assertThat(first.getIssueTime()).isEqualTo(at(7));
    assertThat(first.getMethod()).isEqualTo("naive");
    assertThat(first.getPoints()).hasSize(6);
  }

  @Test
  void shouldRaiseNoAlertFromAProvisionalForecast() {
    forecaster = new LiveForecaster(AUTO, forecasts::add, alerts::add, clock, Runnable::run);
    Random random = new Random(5);
    for (int minute = 0; minute < 29; minute++) {
      int count = normalVolume(minute, random);
      minute(minute, minute >= 15 && minute < 20 ? 4 * count : count);
    }

    assertThat(forecasts).isNotEmpty().allSatisfy(forecast -> assertThat(forecast.getMethod()).isEqualTo("naive"));
    assertThat(alerts).isEmpty();
  }

  @Test
  void shouldForecastWithTheMethodTheBacktestChoosesOnceTwoSeasonsAndTheHorizonAreIn() {
    forecaster = new LiveForecaster(AUTO, forecasts::add, alerts::add, clock, Runnable::run);
    Random random = new Random(5);
    double[] counts = new double[31];
    for (int minute = 0; minute <= 30; minute++) {
      int count = normalVolume(minute, random);
      counts[minute] = count;
      minute(minute, count);
    }

    // two 12-minute seasons plus the 6-minute horizon: the 30 closed minutes are backtested, the best forecasts
    AutomaticForecaster automatic = new AutomaticForecaster(12, 6);
    automatic.fit(Arrays.copyOf(counts, 30), 30);
    Forecast chosen = latestForecast("count/all");
    assertThat(chosen.getIssueTime()).isEqualTo(at(30));
    assertThat(chosen.getMethod()).isEqualTo(automatic.chosen()).isNotEqualTo("naive");
    assertThat(forecasts.stream().filter(forecast -> forecast.getSeries().equals("count/all")
        && forecast.getIssueTime().equals(at(29)))).singleElement()
        .satisfies(forecast -> assertThat(forecast.getMethod()).isEqualTo("naive"));
  }

  @Test
  void shouldCountATransactionForAClosedStepAsLateAndLeaveTheStepAlone() {
    minute(0, 10);
    minute(1, 10);
    minute(2, 10);

    forecaster.accept(tx("t-late", at(0).plusSeconds(30)), 0);
    forecaster.advance();

    assertThat(forecaster.counters().late()).isEqualTo(1);
    assertThat(forecaster.counters().accepted()).isEqualTo(30);
  }

  /** Feeds one minute of {@code count} transactions at the minute's clock time, then advances. */
  private void minute(int minute, int count) {
    clock.now = at(minute).plusSeconds(59);
    for (int i = 0; i < count; i++) {
      forecaster.accept(tx("t-" + sequence++, at(minute).plusMillis(i * 60_000L / count)), 0);
    }
    forecaster.advance();
  }

  /** A 10 EUR online grocery transaction; eight cards, so the records spread over partitions. */
  static Transaction tx(String id, Instant eventTime) {
    return Transaction.newBuilder()
        .setTransactionId(id)
        .setEventTime(eventTime)
        .setCardToken("card-token-" + (id.hashCode() & 7))
        .setCustomerId("c-1")
        .setTerminalId("term-1")
        .setAmountMinor(1_000)
        .setCurrency("EUR")
        .setMerchantCategory("5411")
        .setChannel(Channel.ONLINE)
        .build();
  }

  private Forecast latestForecast(String series) {
    return forecasts.stream().filter(forecast -> forecast.getSeries().equals(series)).reduce((a, b) -> b)
        .orElseThrow();
  }

  static Instant at(int minute) {
    return T0.plus(ONE_MINUTE.multipliedBy(minute));
  }

  /** 40 a minute on average, swinging by 15 over the 12-minute period. */
  static double expectedVolume(int minute) {
    return 40 + 15 * Math.sin(2 * Math.PI * minute / 12);
  }

  /** The expected volume with Poisson-like noise. */
  static int normalVolume(int minute, Random random) {
    double expected = expectedVolume(minute);
    return (int) Math.max(0, Math.round(expected + Math.sqrt(expected) * random.nextGaussian()));
  }

  /** A clock the test sets. */
  static final class ManualClock implements InstantSource {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }
  }
}
