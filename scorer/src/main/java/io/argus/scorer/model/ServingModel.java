package io.argus.scorer.model;

import io.argus.avro.ModelRelease;
import io.argus.features.FeatureSet;
import io.argus.model.FraudModel;
import io.argus.model.artifact.LoadedModel;
import io.argus.scorer.explain.Background;
import io.argus.scorer.explain.BackgroundSummary;
import io.argus.scorer.explain.Explainer;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.explain.GroupLayout;
import io.argus.scorer.explain.StaticGroups;

/**
 * A model accepted for serving, with everything prepared to explain its scores: the summarised background (with its
 * sequence encodings) and the explainer for its groups. Immutable and shared by every thread; a thread scores with
 * its own {@link #newCopy()} of the network.
 */
public final class ServingModel {

  private final String name;
  private final String version;
  private final FraudModel prototype;
  private final Background background;
  private final Explainer explainer;

  private ServingModel(String name, String version, FraudModel prototype, Background background, Explainer explainer) {
    this.name = name;
    this.version = version;
    this.prototype = prototype;
    this.background = background;
    this.explainer = explainer;
  }

  /**
   * Prepares a checked model: lays out its explanation groups and summarises its background to what the
   * explanation budget affords for that many groups.
   */
  public static ServingModel prepare(ModelRelease release, LoadedModel loaded, FeatureSet featureSet,
      ExplainerConfig config) {
    FraudModel model = loaded.model();
    int sequenceLength = model.sequenceFeatureNames().isEmpty() ? 0 : featureSet.sequenceLength();
    GroupLayout layout = GroupLayout.of(StaticGroups.of(featureSet), model.featureNames(), config.individualEvents(),
        sequenceLength);
    Background background = BackgroundSummary.summarise(model, loaded.background(),
        config.backgroundSize(layout.groupCount()));
    return new ServingModel(release.getName(), release.getVersion(), model, background,
        new Explainer(layout, config));
  }

  public String name() {
    return name;
  }

  public String version() {
    return version;
  }

  public Background background() {
    return background;
  }

  public Explainer explainer() {
    return explainer;
  }

  /** A network of this model for one thread. */
  public synchronized FraudModel newCopy() {
    return prototype.copy();
  }

  @Override
  public String toString() {
    return name + " " + version;
  }
}
