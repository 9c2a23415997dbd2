package io.argus.trainer.retraining;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.FeatureVector;
import io.argus.avro.Severity;
import io.argus.common.Durations;
import io.argus.features.FeatureSet;
import io.argus.features.offline.DatasetSplit.Window;
import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import io.argus.schemas.AvroCodec;
import io.argus.trainer.registry.ReleaseSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains while the pipeline runs, when there is something new to learn. Each {@link #check()} compares the recent
 * window with the champion's training window (the population stability index of the champion's scores and of the
 * policy's key features): drift, or the interval since the last training, makes a retraining due. It runs only on
 * data not trained on before: the newest fully labelled window must have moved since the scheduler last trained on
 * it. So while a drift episode lasts, a challenger rejected on some data is not trained again on the same data; a
 * new drift episode or the schedule on unchanged data is skipped too, saying why. Every decision is a {@code MODEL}
 * alert (reference {@code decision}: {@code TRAINING}, {@code SKIPPED}, {@code PROMOTED}, {@code REJECTED},
 * {@code FAILED}; a skip that repeats at every check is published once), and a drift episode raises one
 * {@code DRIFT} alert when it starts. What was trained, on which data, why and with what outcome is kept in a
 * {@link RetrainingStateStore} (a file in the registry), so a restart remembers it. The data, the champion, the
 * retraining, the alert sink, the clock and the store are parameters, so a test drives it without waiting.
 */
public final class RetrainingScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetrainingScheduler.class);

  static {
    AvroCodec.trustArgusRecords(); // before any Alert is built
  }

  /** The feature vectors with event time in {@code [from, to)}. */
  public interface Data {
    List<FeatureVector> features(Instant from, Instant to);
  }

  /** Trains, judges and releases a challenger from the newest fully labelled data. */
  public interface Retrainer {

    /** The model retrained (its registry and release name). */
    String modelName();

    /** The labelled data a retraining at {@code now} would learn from and be judged on. */
    Window newestLabelled(Instant now);

    /** Why a retraining at {@code now} cannot run (the data is not there yet); empty when it can. */
    default Optional<String> notReady(Instant now) {
      return Optional.empty();
    }

    /** Trains on {@link #newestLabelled(Instant)}, judges the challenger against the champion, releases it. */
    Retraining retrain(Instant now, String reason);
  }

  /**
   * What one retraining produced.
   *
   * @param trainWindow the challenger's training window: the drift reference if it was promoted
   * @param modelVersion the challenger's version
   * @param promoted whether it replaced the champion
   * @param decision why, in one sentence
   */
  public record Retraining(Window trainWindow, String modelVersion, boolean promoted, String decision) {
  }

  /** What a check decided. */
  public enum Outcome {
    /** Neither drift nor the schedule asked for a retraining. */
    NOT_DUE,
    /** A retraining was due but did not run: the data is not there yet, or there is nothing new to learn. */
    SKIPPED,
    /** A challenger was trained and promoted. */
    PROMOTED,
    /** A challenger was trained and the champion kept. */
    REJECTED,
    /** The training failed; the champion stays and the data counts as tried. */
    FAILED
  }

  /** What one check found and did. */
  public record Check(Map<String, Double> stability, boolean drift, Outcome outcome, String reason) {

    /** Whether a challenger was trained (promoted or not). */
    public boolean retrained() {
      return outcome == Outcome.PROMOTED || outcome == Outcome.REJECTED;
    }
  }

  private final FeatureSet featureSet;
  private final Data data;
  private final Supplier<Optional<FraudModel>> champion;
  private final Retrainer retrainer;
  private final ReleaseSink alerts;
  private final Clock clock;
  private final RetrainingPolicy policy;
  private final RetrainingStateStore store;
  private RetrainingState state;
  private volatile String lastDecision;
  private ScheduledExecutorService executor;

  /** @param store the scheduler's memory; its initial state holds the champion's training window and time */
  public RetrainingScheduler(FeatureSet featureSet, Data data, Supplier<Optional<FraudModel>> champion,
      Retrainer retrainer, ReleaseSink alerts, Clock clock, RetrainingPolicy policy, RetrainingStateStore store) {
    this.featureSet = featureSet;
    this.data = data;
    this.champion = champion;
    this.retrainer = retrainer;
    this.alerts = alerts;
    this.clock = clock;
    this.policy = policy;
    this.store = store;
    this.state = store.load();
    policy.driftFeatures().forEach(featureSet::indexOf);
  }

  /** Checks for drift and the interval now, and retrains when either says so and there is new data to learn. */
  public synchronized Check check() {
    Instant now = clock.instant();
    Map<String, Double> stability = stability(now);
    Map<String, Double> drifted = stability.entrySet().stream()
        .filter(entry -> entry.getValue() > policy.threshold())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    boolean drift = !drifted.isEmpty();
    boolean newEpisode = drift && state.driftSince() == null;
    state = state.withDrift(drift, now);
    if (newEpisode) {
      alerts.alert(alert(AlertKind.DRIFT, Severity.WARNING, now, "drift: population stability index above "
          + policy.threshold() + " for " + format(drifted), Map.of("referenceWindow", window(state.reference()))));
    }
    Instant due = state.lastTraining().plus(policy.interval());
    String trigger = drift
        ? (newEpisode ? "drift" : "drift since " + state.driftSince()) + ": population stability index above "
            + policy.threshold() + " for " + format(drifted)
        : now.isBefore(due) ? null
        : "schedule: " + Durations.format(Duration.between(state.lastTraining(), now)) + " since the last training";
    if (trigger == null) {
      store.save(state);
      return new Check(stability, false, Outcome.NOT_DUE, "no drift (" + format(stability) + "), next training due "
          + due);
    }
    Optional<String> notReady = retrainer.notReady(now);
    if (notReady.isPresent()) {
      return skip(stability, drift, now, trigger, notReady.get(), null);
    }
    Window labelled = retrainer.newestLabelled(now);
    Optional<RetrainingState.Training> earlier = state.trainedOn(labelled);
    if (earlier.isPresent()) {
      RetrainingState.Training training = earlier.get();
      return skip(stability, drift, now, trigger, "nothing new to learn: the newest fully labelled data, "
          + window(labelled) + ", was trained on at " + training.at() + " (" + outcome(training) + ")", labelled);
    }
    return train(stability, drift, now, trigger, labelled);
  }

  private Check train(Map<String, Double> stability, boolean drift, Instant now, String trigger, Window labelled) {
    String newData = state.lastTrainingRun().map(last -> " (new since the last training, on " + window(last.data())
        + ")").orElse("");
    String name = retrainer.modelName();
    publish(now, "TRAINING", Severity.INFO, "retraining " + name + ": " + trigger + "; training on the newest fully "
        + "labelled data, " + window(labelled) + newData, labelled, null);
    LOG.info("Retraining {}: {}", name, trigger);
    Retraining retraining;
    try {
      retraining = retrainer.retrain(now, trigger);
    } catch (RuntimeException e) {
      LOG.error("Retraining {} on {} failed; the champion stays", name, window(labelled), e);
      state = state.withTraining(new RetrainingState.Training(now, labelled, trigger, "", false,
          "failed: " + e), state.reference());
      store.save(state);
      publish(now, "FAILED", Severity.WARNING, "retraining " + name + " failed on " + window(labelled)
          + ", the champion stays: " + e.getMessage(), labelled, null);
      return new Check(stability, drift, Outcome.FAILED, trigger);
    }
    state = state.withTraining(new RetrainingState.Training(now, labelled, trigger, retraining.modelVersion(),
        retraining.promoted(), retraining.decision()), retraining.trainWindow());
    if (retraining.promoted()) {
      state = state.withDrift(false, now); // a new reference: drift from here on is a new episode
    }
    store.save(state);
    String outcome = retraining.promoted() ? "PROMOTED" : "REJECTED";
    publish(now, outcome, Severity.INFO, "retraining " + name + ": challenger " + retraining.modelVersion() + " "
        + (retraining.promoted() ? "promoted" : "rejected") + ": " + retraining.decision(), labelled,
        retraining.modelVersion());
    return new Check(stability, drift, retraining.promoted() ? Outcome.PROMOTED : Outcome.REJECTED, trigger);
  }

  /** A due retraining that does not run; published unless it says what the last skip said. */
  private Check skip(Map<String, Double> stability, boolean drift, Instant now, String trigger, String why,
      Window labelled) {
    String key = labelled == null ? why : "trained " + window(labelled);
    if (!key.equals(state.lastSkip())) {
      publish(now, "SKIPPED", Severity.INFO, "retraining " + retrainer.modelName() + " skipped: " + why + " (due: "
          + trigger + ")", labelled, null);
      LOG.info("Retraining {} due ({}) but skipped: {}", retrainer.modelName(), trigger, why);
      state = state.withSkip(key);
    }
    store.save(state);
    return new Check(stability, drift, Outcome.SKIPPED, trigger + "; skipped: " + why);
  }

  private void publish(Instant now, String decision, Severity severity, String message, Window labelled,
      String modelVersion) {
    Map<String, String> references = new HashMap<>();
    references.put("decision", decision);
    references.put("modelName", retrainer.modelName());
    if (labelled != null) {
      references.put("dataWindow", window(labelled));
    }
    if (modelVersion != null) {
      references.put("modelVersion", modelVersion);
    }
    alerts.alert(alert(AlertKind.MODEL, severity, now, message, references));
    lastDecision = message;
  }

  private static Alert alert(AlertKind kind, Severity severity, Instant now, String message,
      Map<String, String> references) {
    return Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setKind(kind).setSeverity(severity)
        .setCreatedAt(now).setReferences(references).setMessage(message).build();
  }

  /** The message of the last decision this scheduler published (since it was created), for a status line. */
  public Optional<String> lastDecision() {
    return Optional.ofNullable(lastDecision);
  }

  /** What the scheduler remembers now. */
  public synchronized RetrainingState state() {
    return state;
  }

  /** Checks every {@code policy.checkEvery()} on a daemon thread until closed, the first time after a second. */
  public synchronized void start() {
    if (executor != null) {
      throw new IllegalStateException("retraining scheduler already started");
    }
    executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "argus-retraining");
      thread.setDaemon(true);
      return thread;
    });
    long period = policy.checkEvery().toMillis();
    executor.scheduleWithFixedDelay(() -> {
      try {
        check();
      } catch (RuntimeException e) {
        LOG.error("Retraining check failed; the champion stays and the next check runs as scheduled", e);
      }
    }, Math.min(period, 1_000), period, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private Map<String, Double> stability(Instant now) {
    List<FeatureVector> before = data.features(state.reference().from(), state.reference().to());
    List<FeatureVector> recent = data.features(now.minus(policy.recentWindow()), now);
    Map<String, Double> stability = new LinkedHashMap<>();
    if (before.isEmpty() || recent.isEmpty()) {
      return stability;
    }
    Optional<FraudModel> model = champion.get();
    model.ifPresent(fraudModel -> stability.put("score", PopulationStability.index(
        scores(fraudModel, before), scores(fraudModel, recent), policy.bins())));
    for (String feature : policy.driftFeatures()) {
      int index = featureSet.indexOf(feature);
      stability.put(feature, PopulationStability.index(values(before, index), values(recent, index), policy.bins()));
    }
    return stability;
  }

  private static double[] scores(FraudModel model, List<FeatureVector> vectors) {
    FraudModel own = model.copy();
    return vectors.stream().mapToDouble(vector -> own.score(ModelInput.of(vector))).toArray();
  }

  private static double[] values(List<FeatureVector> vectors, int index) {
    return vectors.stream().mapToDouble(vector -> vector.getValues().get(index)).toArray();
  }

  private static String outcome(RetrainingState.Training training) {
    if (training.modelVersion().isEmpty()) {
      return training.decision();
    }
    return training.modelVersion() + " " + (training.promoted() ? "promoted" : "rejected") + ": "
        + training.decision();
  }

  static String window(Window window) {
    return window.from() + "/" + window.to();
  }

  private static String format(Map<String, Double> stability) {
    return stability.entrySet().stream()
        .map(entry -> String.format(Locale.ROOT, "%s %.3f", entry.getKey(), entry.getValue()))
        .collect(Collectors.joining(", "));
  }
}
