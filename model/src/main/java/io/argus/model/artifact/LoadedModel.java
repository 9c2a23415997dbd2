package io.argus.model.artifact;

import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import java.util.List;
import java.util.Locale;

/**
 * A model read from its artifact, with everything needed to verify and explain it: its manifest, the model, the SHAP
 * background sample (raw inputs from the training window), the model's scores on that sample as computed when the
 * artifact was written, and the artifact's SHA-256. {@link #smokeTest()} is the one smoke check: the model must
 * reproduce those scores, which tests weights, normalisation and forward pass together.
 */
public record LoadedModel(ArtifactManifest manifest, FraudModel model, List<ModelInput> background,
    double[] expectedScores, String sha256) {

  /** How far a smoke score may be from the stored one: rounding, never a different model. */
  public static final double SMOKE_TOLERANCE = 1e-6;

  public LoadedModel {
    background = List.copyOf(background);
    expectedScores = expectedScores.clone();
    if (expectedScores.length != background.size()) {
      throw new ModelArtifactException("artifact " + manifest.version() + " holds " + background.size()
          + " background rows but " + expectedScores.length + " expected scores");
    }
  }

  /**
   * Re-scores the background and compares with the stored scores.
   *
   * @throws ModelArtifactException naming the first row scored more than {@link #SMOKE_TOLERANCE} away from its
   *     stored score or outside [0, 1], or saying that the artifact has no background to test with
   */
  public void smokeTest() {
    if (background.isEmpty()) {
      throw new ModelArtifactException("the artifact needs a background sample with one expected score per row, got "
          + "none");
    }
    FraudModel scoring = model.copy();
    for (int row = 0; row < expectedScores.length; row++) {
      double score = scoring.score(background.get(row));
      double expected = expectedScores[row];
      if (!(Math.abs(score - expected) <= SMOKE_TOLERANCE) || score < 0 || score > 1) {
        throw new ModelArtifactException(String.format(Locale.ROOT,
            "smoke test failed on background row %d: scored %.9f, the artifact expects %.9f", row, score, expected));
      }
    }
  }

  /** The largest absolute difference between the model's scores on the background and the stored ones. */
  public double maximumDeviationFromExpected() {
    double[] scores = model.copy().score(background);
    double maximum = 0;
    for (int i = 0; i < scores.length; i++) {
      maximum = Math.max(maximum, Math.abs(scores[i] - expectedScores[i]));
    }
    return maximum;
  }
}
