package io.argus.trainer.retraining;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.FeatureVector;
import io.argus.avro.Severity;
import io.argus.features.FeatureSet;
import io.argus.features.offline.DatasetSplit.Window;
import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import io.argus.schemas.AvroCodec;
import io.argus.trainer.registry.ReleaseSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Retrains while the pipeline runs. Each {@link #check()} compares the recent window with the window the champion
 * was trained on: the population stability index of the champion's scores and of the policy's key features. Above
 * the threshold it raises a {@code DRIFT} alert and retrains at once; otherwise it retrains when the interval since
 * the last training has passed. The data, the champion, the retraining itself, the alert sink and the clock are
 * parameters, so a test drives it without waiting.
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

  /** Trains, evaluates and releases a new model; returns the training window it used (the next reference). */
  public interface Retrainer {
    Window retrain(Instant now, String reason);
  }

  /** What one check found and did. */
  public record Check(Map<String, Double> stability, boolean drift, boolean retrained, String reason) {
  }

  private final FeatureSet featureSet;
  private final Data data;
  private final Supplier<Optional<FraudModel>> champion;
  private final Retrainer retrainer;
  private final ReleaseSink alerts;
  private final Clock clock;
  private final RetrainingPolicy policy;
  private Window reference;
  private Instant lastTraining;
  private ScheduledExecutorService executor;

  /**
   * @param reference the champion's training window
   * @param lastTraining when the champion was trained
   */
  public RetrainingScheduler(FeatureSet featureSet, Data data, Supplier<Optional<FraudModel>> champion,
      Retrainer retrainer, ReleaseSink alerts, Clock clock, RetrainingPolicy policy, Window reference,
      Instant lastTraining) {
    this.featureSet = featureSet;
    this.data = data;
    this.champion = champion;
    this.retrainer = retrainer;
    this.alerts = alerts;
    this.clock = clock;
    this.policy = policy;
    this.reference = reference;
    this.lastTraining = lastTraining;
    policy.driftFeatures().forEach(featureSet::indexOf);
  }

  /** Checks for drift and the interval now, retraining when either says so. */
  public synchronized Check check() {
    Instant now = clock.instant();
    Map<String, Double> stability = stability(now);
    Map<String, Double> drifted = stability.entrySet().stream()
        .filter(entry -> entry.getValue() > policy.threshold())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    String reason = null;
    if (!drifted.isEmpty()) {
      reason = "drift: population stability index above " + policy.threshold() + " for " + format(drifted);
      alerts.alert(Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setKind(AlertKind.DRIFT)
          .setSeverity(Severity.WARNING).setCreatedAt(now)
          .setReferences(Map.of("referenceWindow", reference.from() + "/" + reference.to()))
          .setMessage(reason + "; retraining").build());
    } else if (!now.isBefore(lastTraining.plus(policy.interval()))) {
      reason = "schedule: " + Duration.between(lastTraining, now) + " since the last training";
    }
    if (reason == null) {
      return new Check(stability, false, false, "no drift (" + format(stability) + "), next training due "
          + lastTraining.plus(policy.interval()));
    }
    LOG.info("retraining: {}", reason);
    reference = retrainer.retrain(now, reason);
    lastTraining = now;
    return new Check(stability, !drifted.isEmpty(), true, reason);
  }

  /** Checks every {@code policy.checkEvery()} on a daemon thread until closed. */
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
        LOG.error("retraining check failed; the champion stays and the next check runs as scheduled", e);
      }
    }, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private Map<String, Double> stability(Instant now) {
    List<FeatureVector> before = data.features(reference.from(), reference.to());
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

  private static String format(Map<String, Double> stability) {
    return stability.entrySet().stream()
        .map(entry -> String.format(Locale.ROOT, "%s %.3f", entry.getKey(), entry.getValue()))
        .collect(Collectors.joining(", "));
  }
}
