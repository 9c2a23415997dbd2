package io.argus.forecaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The backtest on short weekly series, as dashboards show them: two years and a bit (113 weeks) with a yearly season
 * of 52 weeks and a horizon of 8. Every method that can fit forecasts from every origin the data allow, each from its
 * own minimum history; the LSTM (and the choice by backtest, which needs two seasons plus the horizon before an
 * origin) are skipped with the reason; a series one point shorter than two seasons plus the horizon is refused in
 * one line.
 */
class ShortSeriesBacktestTest {

  private static final int WEEKS = 52;
  private static final int HORIZON = 8;
  private static final double LEVEL = 0.95;
  private static final List<String> FITTING = List.of("naive", "seasonal_naive", "holt_winters",
      "holt_winters_damped", "combination");

  @Test
  void shouldForecastWithEveryMethodThatCanFitAndSkipTheLstmWithItsReason() {
    Backtest.Result result = backtest(weeklySeries(113, new Random(1)));

    // two seasons are 104 weeks; origins 104 and 105 leave 8 weeks to forecast
    assertThat(result.origins()).containsExactly(104, 105);
    assertThat(result.scores()).extracting(Backtest.Score::method).containsExactlyElementsOf(FITTING);
    for (Backtest.Score score : result.scores()) {
      assertThat(score.origins()).as(score.method()).isEqualTo(2);
      assertThat(score.fits()).as(score.method()).isEqualTo(1);
      // the naive method's 2-point minimum leaves room to calibrate on residuals; the seasonal ones rely on their
      // error model
      assertThat(score.intervals()).as(score.method()).isEqualTo(score.method().equals("naive") ? "residuals"
          : "model");
      assertThat(score.mase()).as(score.method()).isPositive().isLessThan(5);
      assertThat(score.coverage()).as(score.method()).isBetween(0.0, 1.0);
    }
    assertThat(result.skipped()).extracting(Backtest.Skipped::method).containsExactly("auto", "lstm");
    assertThat(result.skipped().get(0).reason()).isEqualTo("needs 112 points of history before an origin to "
        + "forecast with intervals; this series has 105 before its last origin");
    // the LSTM's 28 seasonal lags are 1,456 weeks, then 57 examples, then 59 to calibrate its intervals
    assertThat(result.skipped().get(1).reason()).isEqualTo("needs 1572 points of history before an origin to "
        + "forecast with intervals (calibrated on held-out residuals); this series has 105 before its last origin");
  }

  @Test
  void shouldListTheSkippedMethodsInTheTableAndTheJson() throws Exception {
    Backtest.Result result = backtest(weeklySeries(113, new Random(1)));

    String table = BacktestReport.table("weekly.csv", result);
    assertThat(table.lines().findFirst().orElseThrow()).isEqualTo("weekly.csv: 113 points, period 52, horizon 8, "
        + "2 origins from point 104 every 1, refitted every 52 points, 95% intervals");
    assertThat(table).contains("lstm                 skipped: needs 1572 points of history before an origin")
        .contains("auto                 skipped: needs 112 points")
        .contains("holt_winters_damped: MASE ");
    JsonNode json = new ObjectMapper().readTree(BacktestReport.json(result));
    assertThat(json.get("methods").fieldNames()).toIterable().containsExactlyElementsOf(FITTING);
    assertThat(json.get("skipped").fieldNames()).toIterable().containsExactly("auto", "lstm");
    assertThat(json.get("skipped").get("lstm").asText()).startsWith("needs 1572 points of history");
    for (JsonNode method : json.get("methods")) {
      assertThat(method.get("coverage").asDouble()).isBetween(0.0, 1.0);
      assertThat(method.get("origins").asInt()).isEqualTo(2);
    }
    assertThat(json.get("methods").get("holt_winters_damped").get("intervals").asText()).isEqualTo("model");
    assertThat(json.get("series").get("origins").asInt()).isEqualTo(2);
    assertThat(json.get("series").get("first_origin").asInt()).isEqualTo(104);
    assertThat(json.get("best").asText()).isIn(FITTING);
  }

  @Test
  void shouldRefuseASeriesOnePointShorterThanTwoSeasonsPlusTheHorizonInOneLine() {
    Backtest.Settings settings = Backtest.Settings.forLength(111, WEEKS, HORIZON, LEVEL);

    assertThatThrownBy(() -> Backtest.run(methods(), weeklySeries(111, new Random(1)), settings,
        ProgressListener.SILENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a series of 111 points is too short for period 52 and horizon 8: a backtest needs two full "
            + "seasons plus the horizon, 112 points");
    assertThat(backtest(weeklySeries(112, new Random(1))).origins()).containsExactly(104);
  }

  @Test
  void shouldStartEachMethodAtItsOwnMinimumAndCompareThemOnTheOriginsTheyShare() {
    Backtest.Result result = backtest(weeklySeries(200, new Random(2)));

    Backtest.Score naive = result.score(SeasonalNaive.NAME).orElseThrow();
    Backtest.Score automatic = result.score(AutomaticForecaster.NAME).orElseThrow();
    // every origin from 104 to 192; the choice by backtest from 112 (two seasons plus the horizon) on
    assertThat(result.origins()).hasSize(89);
    assertThat(naive.origins()).isEqualTo(89);
    assertThat(automatic.origins()).isEqualTo(81);
    assertThat(automatic.maseByOrigin()[7]).isNaN();
    assertThat(automatic.maseByOrigin()[8]).isPositive();
    assertThat(Backtest.Result.onCommonOrigins(automatic, naive)[2]).isEqualTo(81);
    // refitted every season: at origins 104 and 156
    assertThat(result.score(HoltWinters.NAME).orElseThrow().fits()).isEqualTo(2);
  }

  @Test
  void shouldBeatSeasonalNaiveOnASeasonalSeriesWithADriftingLevel() {
    List<Double> ratios = new ArrayList<>();
    for (int seed = 0; seed < 10; seed++) {
      Backtest.Result result = backtest(weeklySeries(160, new Random(seed)));
      double naive = result.score(SeasonalNaive.NAME).orElseThrow().mase();
      ratios.add(result.score(Combination.NAME).orElseThrow().mase() / naive);
    }
    // seasonal naive carries last year's noise and misses the drift; the combination smooths and follows it
    assertThat(ratios.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).isLessThan(0.85);
  }

  @Test
  void shouldReportEachMethodsOriginsToTheListener() {
    List<String> heard = new ArrayList<>();
    ProgressListener listener = (label, total, unit) -> {
      heard.add(label + " " + total + " " + unit);
      return new Progress() {
        @Override
        public void step(long count) {
          heard.add("step " + count);
        }

        @Override
        public void status(String text) {
        }

        @Override
        public void close() {
          heard.add("done");
        }
      };
    };

    Backtest.run(List.of(new SeasonalNaive(WEEKS, HORIZON), new LstmForecaster(WEEKS, HORIZON,
        LstmSettings.defaults())), weeklySeries(113, new Random(1)), Backtest.Settings.forLength(113, WEEKS, HORIZON,
        LEVEL), listener);

    assertThat(heard).containsExactly("backtest seasonal_naive 2 origins", "step 1", "step 1", "done");
  }

  private static Backtest.Result backtest(double[] series) {
    return Backtest.run(methods(), series, Backtest.Settings.forLength(series.length, WEEKS, HORIZON, LEVEL),
        ProgressListener.SILENT);
  }

  /** Every method, in the command line's default order. */
  private static List<Forecaster> methods() {
    return Stream.of(ForecastMethod.NAIVE, ForecastMethod.SEASONAL_NAIVE, ForecastMethod.HOLT_WINTERS,
        ForecastMethod.HOLT_WINTERS_DAMPED, ForecastMethod.COMBINATION, ForecastMethod.AUTO, ForecastMethod.LSTM)
        .map(method -> method.create(WEEKS, HORIZON, LstmSettings.defaults())).toList();
  }

  /**
   * A weekly volume: a level of 500 drifting as a random walk (steps of 4), a yearly season of two harmonics
   * (amplitudes 80 and 30) and Gaussian noise of 15.
   */
  static double[] weeklySeries(int length, Random random) {
    double[] values = new double[length];
    double level = 500;
    for (int t = 0; t < length; t++) {
      level += 4 * random.nextGaussian();
      double phase = 2 * Math.PI * (t % WEEKS) / WEEKS;
      values[t] = level + 80 * Math.sin(phase) + 30 * Math.cos(2 * phase) + 15 * random.nextGaussian();
    }
    return values;
  }
}
