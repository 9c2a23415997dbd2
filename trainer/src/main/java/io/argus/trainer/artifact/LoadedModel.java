package io.argus.trainer.artifact;

import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import java.util.List;

/**
 * A verified model artifact, ready to serve: its manifest, the model, the SHAP background sample (raw inputs from
 * the training window) and the model's scores on that sample as computed when it was written, which a loader
 * compares with {@link #maximumDeviationFromExpected()} as a smoke check.
 */
public record LoadedModel(ArtifactManifest manifest, FraudModel model, List<ModelInput> background,
    double[] expectedScores, String sha256) {

  public LoadedModel {
    background = List.copyOf(background);
    if (expectedScores.length != background.size()) {
      throw new ModelArtifactException("artifact " + manifest.version() + " holds " + background.size()
          + " background rows but " + expectedScores.length + " expected scores");
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
