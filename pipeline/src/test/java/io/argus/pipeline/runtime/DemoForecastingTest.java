package io.argus.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Forecast;
import io.argus.avro.Transaction;
import io.argus.forecaster.live.LiveForecaster;
import io.argus.ingestion.simulate.SimulationFeed;
import io.argus.ingestion.simulate.Simulator;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo's forecaster ({@link DemoConfig#forecasting()}) on the demo's own simulated population, its transactions
 * played as the demo plays them: at the default {@code --tps} of 200, so the n-th transaction arrives n / 200 seconds
 * after the simulation starts (a clock the test sets, not the wall clock). The first forecast must come early enough
 * to be on the dashboard within a minute of {@code argus demo}'s start, which spends about 12 seconds before its
 * simulator starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoForecastingTest {

  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final Instant WALL = Instant.parse("2026-03-01T09:00:00Z");
  private static final double TRANSACTIONS_PER_SECOND = DemoConfig.DEFAULTS.transactionsPerSecond();
  private static final Set<String> SEASONAL = Set.of("seasonal_naive", "holt_winters", "holt_winters_damped",
      "combination");

  private final List<Forecast> forecasts = new ArrayList<>();
  private final List<Double> publishedAfterSeconds = new ArrayList<>();

  @BeforeAll
  void playThreeSimulatedDays() {
    TransactionValidator validator = new TransactionValidator(CardTokenizer.throwaway(), ValidationLimits.DEFAULTS,
        Clock.fixed(START.plus(Duration.ofDays(30)), ZoneOffset.UTC));
    List<Transaction> transactions = SimulationFeed.history(Simulator.create(DemoConfig.DEFAULTS.simulation(START)
        .withDays(3)), validator, DemoTraining.LABEL_DELAY).transactions();
    SettableClock clock = new SettableClock();
    LiveForecaster forecaster = new LiveForecaster(DemoConfig.forecasting(), forecast -> {
      forecasts.add(forecast);
      publishedAfterSeconds.add((clock.now.toEpochMilli() - WALL.toEpochMilli()) / 1000.0);
    }, alert -> { }, clock, Runnable::run);
    forecaster.expectPartitions(List.of(0));
    for (int i = 0; i < transactions.size(); i++) {
      clock.now = WALL.plusMillis(Math.round(i * 1000 / TRANSACTIONS_PER_SECOND));
      forecaster.accept(transactions.get(i), 0);
      if (i % 20 == 0) {
        forecaster.advance();
      }
    }
  }

  @Test
  void shouldPublishTheFirstForecastWithinHalfAMinuteOfSimulation() {
    assertThat(forecasts).isNotEmpty();
    Forecast first = forecasts.get(0);
    // seven closed hours (the horizon plus one) and the hour of allowed lateness
    assertThat(first.getIssueTime()).isEqualTo(START.plus(Duration.ofHours(7)));
    assertThat(first.getMethod()).isEqualTo("naive");
    assertThat(publishedAfterSeconds.get(0)).isLessThan(30.0);
  }

  @Test
  void shouldHandOverToTheMethodTheBacktestChoosesAfterTwoDaysAndTheHorizon() {
    Forecast chosen = forecasts.stream()
        .filter(forecast -> forecast.getSeries().equals("count/all"))
        .filter(forecast -> !forecast.getIssueTime().isBefore(START.plus(Duration.ofHours(54))))
        .findFirst().orElseThrow();

    // 48 hours of two daily seasons plus the 6-hour horizon; the daily profile makes a seasonal method the best
    assertThat(chosen.getIssueTime()).isEqualTo(START.plus(Duration.ofHours(54)));
    assertThat(chosen.getMethod()).isIn(SEASONAL);
    assertThat(forecasts.stream()
        .filter(forecast -> forecast.getIssueTime().isBefore(START.plus(Duration.ofHours(54)))))
        .allSatisfy(forecast -> assertThat(forecast.getMethod()).isEqualTo("naive"));
  }

  /** The clock of the simulated wall time. */
  private static final class SettableClock implements InstantSource {
    Instant now = WALL;

    @Override
    public Instant instant() {
      return now;
    }
  }
}
