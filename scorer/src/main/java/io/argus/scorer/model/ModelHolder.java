package io.argus.scorer.model;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.ModelRelease;
import io.argus.avro.Severity;
import io.argus.features.FeatureSet;
import io.argus.model.artifact.LoadedModel;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.metrics.ScorerMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the champion the scorer serves and replaces it without pausing scoring. {@link #adopt} loads a released
 * model, checks it ({@link ModelChecks}: feature set, feature names, smoke scores), prepares its explanations and
 * only then swaps one reference; threads scoring meanwhile finish with the old model and pick up the new one at
 * their next record ({@link ModelSession}). A model that fails any step is never served: the champion stays, and an
 * {@link Alert} of kind {@code MODEL} says what was refused and why.
 */
public final class ModelHolder {

  private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);

  private final ModelLoader loader;
  private final FeatureSet featureSet;
  private final ExplainerConfig explainerConfig;
  private final Consumer<Alert> alerts;
  private final ScorerMetrics metrics;
  private final Clock clock;
  private final AtomicReference<ServingModel> current = new AtomicReference<>();
  private final CompletableFuture<ServingModel> first = new CompletableFuture<>();

  /**
   * @param alerts where refusals are reported (the {@code alerts} topic in production)
   */
  public ModelHolder(ModelLoader loader, FeatureSet featureSet, ExplainerConfig explainerConfig,
      Consumer<Alert> alerts, ScorerMetrics metrics, Clock clock) {
    this.loader = loader;
    this.featureSet = featureSet;
    this.explainerConfig = explainerConfig;
    this.alerts = alerts;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The model being served, or {@code null} before the first one is adopted. */
  public ServingModel current() {
    return current.get();
  }

  /** Completes when the first model is adopted. */
  public CompletableFuture<ServingModel> firstModel() {
    return first;
  }

  /** Whether {@code release} is the model being served. */
  public boolean serves(ModelRelease release) {
    ServingModel serving = current.get();
    return serving != null && serving.name().equals(release.getName())
        && serving.version().equals(release.getVersion());
  }

  /**
   * Loads, checks and serves {@code release}; on any failure keeps the current model and raises an alert.
   *
   * @return whether the release is now served
   */
  public boolean adopt(ModelRelease release) {
    long started = System.nanoTime();
    try {
      LoadedModel loaded = loader.load(release);
      ModelChecks.verify(release, loaded, featureSet);
      ServingModel serving = ServingModel.prepare(release, loaded, featureSet, explainerConfig);
      ServingModel previous = current.getAndSet(serving);
      first.complete(serving);
      metrics.modelSwapped();
      LOG.info("Serving model {} (was {}); loaded, checked and prepared in {} ms, explanations against {} "
              + "background rows", serving, previous == null ? "none" : previous,
          (System.nanoTime() - started) / 1_000_000, serving.background().size());
      return true;
    } catch (ModelRejectedException | RuntimeException e) {
      metrics.modelRefused();
      ServingModel kept = current.get();
      String message = "refused model " + release.getName() + " " + release.getVersion() + ": " + e.getMessage()
          + "; still serving " + (kept == null ? "no model (scoring waits for one)" : kept);
      if (e instanceof ModelRejectedException) {
        LOG.error("Model release {}", message);
      } else {
        LOG.error("Model release {}", message, e);
      }
      alerts.accept(Alert.newBuilder()
          .setAlertId("model-refused-" + release.getName() + "-" + release.getVersion())
          .setKind(AlertKind.MODEL)
          .setSeverity(Severity.CRITICAL)
          .setMessage(message)
          .setCreatedAt(clock.instant())
          .setReferences(Map.of("modelName", release.getName(), "modelVersion", release.getVersion(),
              "artifactUri", release.getArtifactUri()))
          .setContributions(List.of())
          .build());
      return false;
    }
  }
}
