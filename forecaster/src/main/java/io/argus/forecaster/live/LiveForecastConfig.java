package io.argus.forecaster.live;

import io.argus.forecaster.CalibratedForecaster;
import io.argus.forecaster.ForecastMethod;
import io.argus.forecaster.Forecaster;
import io.argus.forecaster.LstmSettings;
import java.time.Duration;
import java.util.Currency;

/**
 * How the live forecaster aggregates, forecasts and alerts. Durations are whole multiples of {@code step}.
 *
 * @param step the length of one point of every series (a forecast is published each time a step closes)
 * @param horizon how far ahead each forecast reaches
 * @param period the seasonal period (a day: volumes follow the time of day)
 * @param history how much of each series is kept for forecasting and retraining (whole periods are dropped)
 * @param allowedLateness how long after a step ends, in event time, its transactions are still counted; later
 *     ones are counted as late and dropped
 * @param idleTimeout with no transaction arriving for this long (by the clock), event time is taken to move on with
 *     the clock, so an outage closes steps, with zero volume, instead of stopping the forecaster
 * @param retrainEvery how often, in event time, each series' model is refitted on its latest history
 * @param level the nominal coverage of the prediction intervals
 * @param consecutiveBreaches how many closed steps in a row outside the interval raise a deviation alert; as many
 *     inside in a row end the breach episode
 * @param method the forecasting method; {@code auto} (the default) chooses one per series at each retraining, by a
 *     backtest on its history
 * @param currency amounts in this currency make the {@code amount/...} series (in major units); transactions in
 *     other currencies count only in the {@code count/...} series
 * @param maxMerchantCategories merchant categories beyond this many share the series {@code merchant_category=other}
 * @param lstm the LSTM's hyper-parameters, when {@code method} is {@code lstm}
 */
public record LiveForecastConfig(Duration step, Duration horizon, Duration period, Duration history,
    Duration allowedLateness, Duration idleTimeout, Duration retrainEvery, double level, int consecutiveBreaches,
    ForecastMethod method, String currency, int maxMerchantCategories, LstmSettings lstm) {

  public LiveForecastConfig {
    requirePositive("step", step);
    if (step.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("step must be a whole number of seconds, got " + step);
    }
    requireMultipleOfStep("horizon", horizon, step);
    requireMultipleOfStep("period", period, step);
    requireMultipleOfStep("history", history, step);
    requireMultipleOfStep("retrainEvery", retrainEvery, step);
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException("allowedLateness must not be negative, got " + allowedLateness);
    }
    requirePositive("idleTimeout", idleTimeout);
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
    if (consecutiveBreaches < 1) {
      throw new IllegalArgumentException("consecutiveBreaches must be at least 1, got " + consecutiveBreaches);
    }
    if (maxMerchantCategories < 0) {
      throw new IllegalArgumentException("maxMerchantCategories must not be negative, got " + maxMerchantCategories);
    }
    int minimumHistory = CalibratedForecaster.minimumHistory(
        method.create(steps(period, step), steps(horizon, step), lstm));
    int kept = SeriesHistory.capacity(steps(history, step), steps(period, step));
    if (minimumHistory > kept) {
      throw new IllegalArgumentException(method.id() + " needs " + minimumHistory + " steps of history, more than "
          + "the " + kept + " that history " + history + " keeps: raise the history or shorten the period");
    }
    try {
      Currency.getInstance(currency);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR, got " + currency);
    }
  }

  /**
   * Per-minute series, forecasts of the next hour with 90 % intervals, a daily season, 7 days of history,
   * 2 minutes of allowed lateness, a 5-minute idle timeout, the method chosen by backtest ({@code auto}) and
   * refitted every 6 hours, alerts after 3 minutes outside the interval, amounts in EUR, at most 50
   * merchant-category series.
   */
  public static LiveForecastConfig defaults() {
    return new LiveForecastConfig(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7),
        Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofHours(6), 0.9, 3, ForecastMethod.AUTO,
        "EUR", 50, LstmSettings.defaults());
  }

  public int horizonSteps() {
    return steps(horizon);
  }

  public int periodSteps() {
    return steps(period);
  }

  public int historySteps() {
    return steps(history);
  }

  public int retrainSteps() {
    return steps(retrainEvery);
  }

  /**
   * The minimum history, in steps, before a series is forecast by the configured method (for {@code auto}, two
   * seasons plus the horizon: the least a backtest runs on).
   */
  public int minimumHistorySteps() {
    return CalibratedForecaster.minimumHistory(newForecaster());
  }

  /**
   * The minimum history, in steps, before a series' first forecast: the horizon plus one step, after which it is
   * forecast provisionally by the naive method (the last value, with its random-walk interval) until the configured
   * method can take over; or the configured method's own minimum, if that comes first.
   */
  public int provisionalHistorySteps() {
    return Math.min(horizonSteps() + 1, minimumHistorySteps());
  }

  /** A new, unfitted forecaster of the configured method, period and horizon. */
  public Forecaster newForecaster() {
    return method.create(periodSteps(), horizonSteps(), lstm);
  }

  private int steps(Duration duration) {
    return steps(duration, step);
  }

  private static int steps(Duration duration, Duration step) {
    return Math.toIntExact(duration.toMillis() / step.toMillis());
  }

  private static void requirePositive(String name, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + duration);
    }
  }

  private static void requireMultipleOfStep(String name, Duration duration, Duration step) {
    requirePositive(name, duration);
    if (duration.toMillis() % step.toMillis() != 0) {
      throw new IllegalArgumentException(name + " must be a whole number of steps of " + step + ", got " + duration);
    }
  }
}
