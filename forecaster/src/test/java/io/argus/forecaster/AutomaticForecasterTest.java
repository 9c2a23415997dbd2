package io.argus.forecaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.argus.common.ProgressListener;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The choice by backtest: {@code auto} forecasts with the candidate whose backtest on the history has the lowest
 * MASE, fitted on the whole history.
 */
class AutomaticForecasterTest {

  private static final int WEEKS = 52;
  private static final int HORIZON = 8;

  @Test
  void shouldForecastWithTheCandidateThatBacktestsBest() {
    double[] series = ShortSeriesBacktestTest.weeklySeries(150, new Random(4));
    AutomaticForecaster automatic = new AutomaticForecaster(WEEKS, HORIZON);

    automatic.fit(series, 150);

    // the same backtest, run here, ranks the candidates the same way
    List<Forecaster> candidates = AutomaticForecaster.DEFAULT_CANDIDATES.stream()
        .map(method -> method.create(WEEKS, HORIZON, LstmSettings.defaults())).toList();
    Backtest.Result result = Backtest.run(candidates, series, Backtest.Settings.forLength(150, WEEKS, HORIZON, 0.9),
        ProgressListener.SILENT);
    String best = result.best().orElseThrow().method();
    for (Backtest.Score score : result.scores()) {
      double[] pair = Backtest.Result.onCommonOrigins(result.score(best).orElseThrow(), score);
      assertThat(pair[0]).as(score.method()).isLessThanOrEqualTo(pair[1]);
    }
    assertThat(automatic.chosen()).isEqualTo(best);
    assertThat(automatic.backtest().best().orElseThrow().method()).isEqualTo(best);
    assertThat(automatic.choices()).containsExactly(Map.entry(best, 1));

    // and forecasts as that method fitted on all 150 weeks does
    Forecaster chosen = ForecastMethod.byId(best).create(WEEKS, HORIZON, LstmSettings.defaults());
    chosen.fit(series, 150);
    assertThat(automatic.forecast(series, 150)).containsExactly(chosen.forecast(series, 150), within(1e-9));
    assertThat(automatic.errorModel().standardDeviations()).containsExactly(chosen.errorModel().standardDeviations(), within(1e-9));
  }

  @Test
  void shouldChooseTheNaiveForecastForARandomWalk() {
    Random random = new Random(8);
    double[] series = new double[150];
    series[0] = 1000;
    for (int t = 1; t < series.length; t++) {
      series[t] = series[t - 1] + 20 * random.nextGaussian();
    }
    AutomaticForecaster automatic = new AutomaticForecaster(WEEKS, HORIZON);

    automatic.fit(series, series.length);

    assertThat(automatic.chosen()).isEqualTo("naive");
  }

  @Test
  void shouldNeedTwoSeasonsPlusTheHorizon() {
    AutomaticForecaster automatic = new AutomaticForecaster(WEEKS, HORIZON);

    assertThat(automatic.minimumHistory()).isEqualTo(112);
    assertThatThrownBy(() -> automatic.fit(new double[111], 111))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("auto needs at least 112 points of history (two seasons plus the horizon), got 111 (series of "
            + "111)");
    assertThatThrownBy(() -> automatic.forecast(new double[120], 120)).isInstanceOf(IllegalStateException.class);
  }
}
