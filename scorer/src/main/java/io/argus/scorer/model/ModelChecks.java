package io.argus.scorer.model;

import io.argus.avro.ModelRelease;
import io.argus.features.FeatureSet;
import io.argus.model.FraudModel;
import java.util.List;

/**
 * What a model must pass before it serves: it was trained on the feature set the scorer reads (version and feature
 * names, in order), and it reproduces, on its stored background sample, the scores it gave when it was written (a
 * smoke test of the whole artifact: weights, normalisation, forward pass).
 */
final class ModelChecks {

  /** How far a smoke score may be from the stored one: rounding, never a different model. */
  static final double SMOKE_TOLERANCE = 1e-6;

  private ModelChecks() {
  }

  static void verify(ModelRelease release, ModelCandidate loaded, FeatureSet featureSet) throws ModelRejectedException {
    String model = release.getName() + " " + release.getVersion();
    requireVersion(model, "release", release.getFeatureSetVersion(), featureSet);
    requireVersion(model, "artifact", loaded.featureSetVersion(), featureSet);
    FraudModel network = loaded.model();
    requireNames(model, "static", network.featureNames(), featureSet.staticNames());
    if (!network.sequenceFeatureNames().isEmpty()) {
      requireNames(model, "sequence", network.sequenceFeatureNames(), featureSet.sequenceStepNames());
    }
    smoke(model, loaded);
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

  private static void smoke(String model, ModelCandidate loaded) throws ModelRejectedException {
    if (loaded.background().isEmpty() || loaded.background().size() != loaded.expectedScores().length) {
      throw new ModelRejectedException(model + ": the artifact needs a background sample with one expected score per "
          + "row, got " + loaded.background().size() + " rows and " + loaded.expectedScores().length + " scores");
    }
    for (int row = 0; row < loaded.expectedScores().length; row++) {
      double score = loaded.model().score(loaded.background().get(row));
      double expected = loaded.expectedScores()[row];
      if (!(Math.abs(score - expected) <= SMOKE_TOLERANCE) || score < 0 || score > 1) {
        throw new ModelRejectedException(String.format(
            "%s: smoke test failed on background row %d: scored %.9f, the artifact expects %.9f", model, row, score,
            expected));
      }
    }
  }
}
