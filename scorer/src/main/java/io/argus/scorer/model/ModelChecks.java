package io.argus.scorer.model;

import io.argus.avro.ModelRelease;
import io.argus.features.FeatureSet;
import io.argus.model.FraudModel;
import io.argus.model.artifact.LoadedModel;
import io.argus.model.artifact.ModelArtifactException;
import java.util.List;

/**
 * What a model must pass before it serves: it was trained on the feature set the scorer reads (version and feature
 * names, in order), and it reproduces, on its stored background sample, the scores it gave when it was written
 * ({@link LoadedModel#smokeTest()}: a smoke test of the whole artifact, weights, normalisation and forward pass).
 */
final class ModelChecks {

  private ModelChecks() {
  }

  static void verify(ModelRelease release, LoadedModel loaded, FeatureSet featureSet) throws ModelRejectedException {
    String model = release.getName() + " " + release.getVersion();
    requireVersion(model, "release", release.getFeatureSetVersion(), featureSet);
    requireVersion(model, "artifact", loaded.manifest().featureSetVersion(), featureSet);
    FraudModel network = loaded.model();
    requireNames(model, "static", network.featureNames(), featureSet.staticNames());
    if (!network.sequenceFeatureNames().isEmpty()) {
      requireNames(model, "sequence", network.sequenceFeatureNames(), featureSet.sequenceStepNames());
    }
    try {
      loaded.smokeTest();
    } catch (ModelArtifactException e) {
      throw new ModelRejectedException(model + ": " + e.getMessage(), e);
    }
  }

  private static void requireVersion(String model, String where, String version, FeatureSet featureSet)
      throws ModelRejectedException {
    if (!featureSet.version().equals(version)) {
      throw new ModelRejectedException(model + ": the " + where + " says feature set " + version
          + ", the scorer reads " + featureSet.version());
    }
  }

  private static void requireNames(String model, String kind, List<String> actual, List<String> expected)
      throws ModelRejectedException {
    if (!actual.equals(expected)) {
      throw new ModelRejectedException(model + ": its " + kind + " features " + actual + " are not the feature set's "
          + expected);
    }
  }
}
