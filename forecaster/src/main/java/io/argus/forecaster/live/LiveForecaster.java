package io.argus.forecaster.live;

import io.argus.avro.Alert;
import io.argus.avro.Forecast;
import io.argus.avro.ForecastPoint;
import io.argus.avro.Transaction;
import io.argus.forecaster.AutomaticForecaster;
import io.argus.forecaster.CalibratedForecaster;
import io.argus.forecaster.Forecaster;
import io.argus.forecaster.Prediction;
import io.argus.forecaster.SeasonalNaive;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live forecaster: transactions in; a {@link Forecast} per series each time a step closes, and a
 * forecast-deviation {@link Alert} per breach episode, out. Its sinks, its clock and the executor that (re)trains
 * the models are parameters, so a test drives it with a fixed clock and a direct executor, and the Kafka service
 * wires the topics.
 *
 * <p>{@link #accept} adds a transaction to its step (see {@link VolumeAggregator}); {@link #advance} closes the steps
 * the watermark has passed and, for each closed step and each series: compares the value with the forecast made
 * one step before (raising an alert after {@code consecutiveBreaches} outside its interval), appends the value to
 * the history clipped to that interval (so an outage or an attack does not teach the model that it is normal, as
 * in robust Holt-Winters), trains the model once the history is long enough and retrains it every
 * {@code retrainEvery}, and forecasts the next steps. Once the closed steps are done it publishes each series'
 * latest forecast: one per step in live operation, one per catch-up after a backlog. Forecast means and lower
 * bounds are clipped at zero: volumes are never negative.
 *
 * <p>A series is forecast from its first {@link LiveForecastConfig#provisionalHistorySteps()} steps on:
 * provisionally by the naive method (refitted at every step) until its history holds the configured method's
 * minimum ({@code auto}: two seasons plus the horizon, when the candidates can be backtested and the best is
 * chosen), then by that method. Provisional forecasts raise no alerts and leave the history unclipped: they only
 * say where the volume is heading until a seasonal model can be trusted.
 *
 * <p>Not thread-safe: one thread calls {@link #accept} and {@link #advance}; training may run on another.
 */
public final class LiveForecaster {

  private static final Logger LOG = LoggerFactory.getLogger(LiveForecaster.class);

  private final LiveForecastConfig config;
  private final Consumer<Forecast> forecasts;
  private final Consumer<Alert> alerts;
  private final InstantSource clock;
  private final Executor trainer;
  private final VolumeAggregator aggregator;
  private final Map<String, SeriesState> series = new LinkedHashMap<>();
  private final int minimumHistory;
  private final int provisionalHistory;
  private long accepted;
  private long published;
  private long raised;

  public LiveForecaster(LiveForecastConfig config, Consumer<Forecast> forecasts, Consumer<Alert> alerts,
      InstantSource clock, Executor trainer) {
    this.config = config;
    this.forecasts = forecasts;
    this.alerts = alerts;
    this.clock = clock;
    this.trainer = trainer;
    this.aggregator = new VolumeAggregator(config);
    this.minimumHistory = config.minimumHistorySteps();
    this.provisionalHistory = config.provisionalHistorySteps();
  }

  /** Counts since the start, for the service's log lines and for tests. */
  public record Counters(long accepted, long late, long otherCurrency, long forecasts, long alerts, int series) {
  }

  /**
   * Names the source partitions before their first transaction, so that event time waits for each of them (up to
   * the idle timeout) instead of racing ahead with the first partition read.
   */
  public void expectPartitions(Collection<Integer> partitions) {
    aggregator.expectPartitions(partitions, clock.instant());
  }

  /**
   * Adds one transaction, read from {@code partition} of the source, to the step of its event time; a transaction
   * whose step has closed is counted as late.
   */
  public void accept(Transaction transaction, int partition) {
    if (aggregator.add(transaction, partition, clock.instant())) {
      accepted++;
    }
  }

  /**
   * Closes the steps the watermark has passed, forecasts again where a model has been (re)trained since the last
   * forecast, and publishes the latest forecast of every series where it changed.
   */
  public void advance() {
    aggregator.close(clock.instant(), this::onClosed);
    for (SeriesState state : series.values()) {
      state.forecastWithNewModel();
      state.publish();
    }
  }

  public Counters counters() {
    return new Counters(accepted, aggregator.late(), aggregator.otherCurrency(), published, raised, series.size());
  }

  /** The backtest's mean MASE of each scored candidate, for the log line of a new choice. */
  private static String choice(AutomaticForecaster automatic) {
    return "backtest MASE " + automatic.backtest().scores().stream()
        .map(score -> String.format(Locale.ROOT, "%s %.3f", score.method(), score.mase()))
        .collect(Collectors.joining(", "));
  }

  private void onClosed(VolumeAggregator.ClosedStep step) {
    for (String name : step.values().keySet()) {
      series.computeIfAbsent(name, SeriesState::new);
    }
    for (SeriesState state : series.values()) {
      state.observe(step.start(), step.values().getOrDefault(state.name, 0.0));
      state.forecastNext(step.start().plus(config.step()));
    }
  }

  /**
   * A fitted model of one series.
   *
   * @param method the method that forecasts (for {@code auto}, the one it chose)
   * @param provisional a naive stand-in until the history holds the configured method's minimum
   */
  private record Model(CalibratedForecaster forecaster, String method, boolean provisional) {
  }

  /** One series: its history, its model, its latest forecast and its breach detector. */
  private final class SeriesState {
    final String name;
    final SeriesHistory history = new SeriesHistory(config.historySteps(), config.periodSteps());
    final DeviationDetector detector;
    final AtomicBoolean training = new AtomicBoolean();
    volatile Model model;
    Model latestModel;
    Prediction latest;
    Instant latestStart;
    boolean unpublished;
    int stepsSinceTraining;

    SeriesState(String name) {
      this.name = name;
      this.detector = new DeviationDetector(name, config.level(), config.consecutiveBreaches());
    }

    /** Checks the closed value against the latest forecast and appends it, clipped to the interval, to the history. */
    void observe(Instant stepStart, double actual) {
      int step = latest == null ? -1
          : (int) ((stepStart.toEpochMilli() - latestStart.toEpochMilli()) / config.step().toMillis());
      double value = actual;
      if (step >= 0 && step < latest.horizon() && !latestModel.provisional()) {
        double lower = latest.lower()[step];
        double upper = latest.upper()[step];
        detector.observe(stepStart, actual, latest.mean()[step], lower, upper, latestModel.method(), clock.instant())
            .ifPresent(alert -> {
              raised++;
              LOG.warn("{}", alert.getMessage());
              alerts.accept(alert);
            });
        value = Math.max(lower, Math.min(upper, actual));
      }
      history.append(value);
      stepsSinceTraining++;
      if (dueForTraining()) {
        train();
      }
    }

    /**
     * The first model once the provisional minimum is in; then the provisional model at every step until the
     * configured method's minimum is in; then that method, again every {@code retrainEvery}.
     */
    private boolean dueForTraining() {
      int size = history.size();
      Model current = model;
      if (current == null) {
        return size >= provisionalHistory;
      }
      return current.provisional() || stepsSinceTraining >= config.retrainSteps();
    }

    void train() {
      if (!training.compareAndSet(false, true)) {
        return;
      }
      stepsSinceTraining = 0;
      double[] values = history.values();
      boolean provisional = values.length < minimumHistory;
      trainer.execute(() -> {
        try {
          Forecaster method = provisional ? SeasonalNaive.naive(config.horizonSteps()) : config.newForecaster();
          CalibratedForecaster fitted = CalibratedForecaster.fit(method, values, values.length, config.level());
          String chosen = method instanceof AutomaticForecaster automatic ? automatic.chosen() : method.name();
          Model previous = model;
          if (previous == null) {
            LOG.info("{}: forecasting with {} from {} steps{}", name, chosen, values.length, provisional
                ? " (provisional, until " + minimumHistory + " steps allow " + config.method().id() + ")" : "");
          } else if (!previous.method().equals(chosen)) {
            LOG.info("{}: {} forecasts from {} steps on (was {}){}", name, chosen, values.length, previous.method(),
                method instanceof AutomaticForecaster automatic ? "; " + choice(automatic) : "");
          }
          model = new Model(fitted, chosen, provisional);
        } catch (RuntimeException e) {
          LOG.error("{}: training {} on {} steps failed; keeping the previous model", name, config.method().id(),
              values.length, e);
        } finally {
          training.set(false);
        }
      });
    }

    /** A model trained since the latest forecast forecasts the same steps again, without waiting for a step. */
    void forecastWithNewModel() {
      if (latestStart != null && model != latestModel) {
        forecastNext(latestStart);
      }
    }

    /** Forecasts the steps from {@code start} on, volumes clipped at zero, for detection and publication. */
    void forecastNext(Instant start) {
      latestStart = start;
      Model current = model;
      if (current == null) {
        return;
      }
      double[] values = history.values();
      Prediction prediction = current.forecaster().forecast(values, values.length);
      double[] mean = prediction.mean().clone();
      double[] lower = prediction.lower().clone();
      for (int step = 0; step < mean.length; step++) {
        mean[step] = Math.max(0, mean[step]);
        lower[step] = Math.max(0, lower[step]);
      }
      latest = new Prediction(mean, lower, prediction.upper(), prediction.level());
      latestModel = current;
      unpublished = true;
    }

    void publish() {
      if (!unpublished) {
        return;
      }
      unpublished = false;
      List<ForecastPoint> points = new ArrayList<>(latest.horizon());
      for (int step = 0; step < latest.horizon(); step++) {
        points.add(new ForecastPoint(latestStart.plus(config.step().multipliedBy(step)), latest.mean()[step],
            latest.lower()[step], latest.upper()[step]));
      }
      published++;
      forecasts.accept(Forecast.newBuilder()
          .setSeries(name)
          .setIssueTime(latestStart)
          .setStepSeconds(Math.toIntExact(config.step().toSeconds()))
          .setMethod(latestModel.method())
          .setIntervalLevel(latest.level())
          .setPoints(points)
          .build());
    }
  }
}
