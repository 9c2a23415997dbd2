package io.argus.scorer.model;

import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import java.util.List;

/**
 * A model as read from its artifact, before the scorer accepts it.
 *
 * @param featureSetVersion the feature set the artifact says the model was trained on
 * @param background the sample of training inputs stored with the model, for SHAP and the smoke check
 * @param expectedScores the model's scores on {@code background} when the artifact was written, in order
 */
public record ModelCandidate(
    FraudModel model, String featureSetVersion, List<ModelInput> background, double[] expectedScores) {

  public ModelCandidate {
    background = List.copyOf(background);
    expectedScores = expectedScores.clone();
  }
}
