package io.argus.forecaster;

import io.argus.common.ProgressListener;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The method chosen by a backtest ({@code auto}): each {@link #fit} backtests the candidate methods on the history
 * ({@link Backtest}, with the protocol {@link Backtest.Settings#forLength} picks for its length), takes the scored
 * candidate with the lowest mean MASE over the origins they all forecast from, and fits it on the whole history;
 * forecasts and error model are then the chosen method's. A candidate whose minimum history no origin meets is
 * skipped, so the choice is always among the methods that could be backtested.
 *
 * <p>This is how the live forecaster picks a method for each series at each retraining, and a backtest scores the
 * choice like any other method: at each of its fits the choice is made again on the data before the origin, so the
 * score is out of sample. It needs two full seasons plus the horizon, the least a backtest runs on.
 */
public final class AutomaticForecaster implements Forecaster {

  public static final String NAME = "auto";
  /** The candidates by default: the methods cheap enough to backtest at every retraining. */
  public static final List<ForecastMethod> DEFAULT_CANDIDATES = List.of(ForecastMethod.NAIVE,
      ForecastMethod.SEASONAL_NAIVE, ForecastMethod.HOLT_WINTERS, ForecastMethod.HOLT_WINTERS_DAMPED,
      ForecastMethod.COMBINATION);
  /** The interval level of the candidates' backtests; the choice reads only their MASE. */
  private static final double SELECTION_LEVEL = 0.9;

  private final int period;
  private final int horizon;
  private final List<ForecastMethod> candidates;
  private final LstmSettings lstmSettings;
  private final boolean errorModel;
  private final Map<String, Integer> choices = new LinkedHashMap<>();
  private Forecaster chosen;
  private Backtest.Result backtest;

  /** Chooses among {@link #DEFAULT_CANDIDATES}. */
  public AutomaticForecaster(int period, int horizon) {
    this(period, horizon, DEFAULT_CANDIDATES, LstmSettings.defaults());
  }

  /** Chooses among {@code candidates}, an LSTM among them with {@code lstmSettings}. */
  public AutomaticForecaster(int period, int horizon, List<ForecastMethod> candidates, LstmSettings lstmSettings) {
    SeasonalForecaster.requirePeriodAndHorizon(period, horizon);
    if (candidates.isEmpty() || candidates.contains(ForecastMethod.AUTO)) {
      throw new IllegalArgumentException("auto needs candidate methods other than itself, got " + candidates);
    }
    this.period = period;
    this.horizon = horizon;
    this.candidates = List.copyOf(candidates);
    this.lstmSettings = lstmSettings;
    this.errorModel = newCandidates().stream().allMatch(Forecaster::hasErrorModel);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int period() {
    return period;
  }

  @Override
  public int horizon() {
    return horizon;
  }

  /** Two full seasons plus the horizon: the shortest history a backtest runs on. */
  @Override
  public int minimumHistory() {
    return 2 * period + horizon;
  }

  @Override
  public void fit(double[] series, int end) {
    if (end > series.length || end < minimumHistory()) {
      throw new IllegalArgumentException(NAME + " needs at least " + minimumHistory() + " points of history (two "
          + "seasons plus the horizon), got " + end + " (series of " + series.length + ")");
    }
    List<Forecaster> fitted = newCandidates();
    Backtest.Result result = Backtest.run(fitted, Arrays.copyOf(series, end),
        Backtest.Settings.forLength(end, period, horizon, SELECTION_LEVEL), ProgressListener.SILENT);
    Backtest.Score best = result.best().orElseThrow(() -> new IllegalArgumentException(NAME + ": no candidate "
        + "could be backtested on " + end + " points: " + result.skipped().stream()
            .map(skipped -> skipped.method() + " " + skipped.reason()).collect(Collectors.joining("; "))));
    Forecaster winner = fitted.stream().filter(candidate -> candidate.name().equals(best.method())).findFirst()
        .orElseThrow();
    winner.fit(series, end);
    chosen = winner;
    backtest = result;
    choices.merge(winner.name(), 1, Integer::sum);
  }

  @Override
  public double[] forecast(double[] series, int origin) {
    return chosenOrFail().forecast(series, origin);
  }

  /** True when every candidate has an error model (the default candidates do). */
  @Override
  public boolean hasErrorModel() {
    return errorModel;
  }

  @Override
  public ErrorModel errorModel() {
    return chosenOrFail().errorModel();
  }

  /** The method the latest fit chose. */
  public String chosen() {
    return chosenOrFail().name();
  }

  /** The candidates' backtest that made the latest choice. */
  public Backtest.Result backtest() {
    chosenOrFail();
    return backtest;
  }

  /** How many times each method was chosen, in the order first chosen. */
  public Map<String, Integer> choices() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(choices));
  }

  private Forecaster chosenOrFail() {
    if (chosen == null) {
      throw new IllegalStateException(NAME + ": fit before forecast");
    }
    return chosen;
  }

  private List<Forecaster> newCandidates() {
    return candidates.stream().map(method -> method.create(period, horizon, lstmSettings)).toList();
  }
}
