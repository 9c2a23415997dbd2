package io.argus.model.artifact;

import io.argus.features.FeatureSet;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.Normaliser;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a model artifact says about itself ({@code manifest.json}): enough to check that it fits the serving feature
 * set, to rebuild the model, and to know where it came from.
 *
 * @param formatVersion the artifact layout version ({@link ArtifactFormat#VERSION} when written by this Argus)
 * @param name the model name (the key of its releases): the family id unless said otherwise
 * @param family lstm, transformer or mlp
 * @param version unique per name, sortable by creation time
 * @param featureSetVersion the feature set it was trained on, e.g. fraud_v1
 * @param staticFeatures static feature names, in the order the model reads them
 * @param sequenceFeatures sequence-step feature names, in order (empty for a model that ignores the sequence)
 * @param sequenceLength steps of the sequence input (0 for a model that ignores the sequence)
 * @param staticNormaliser the static features' normalisation, fitted on the training window
 * @param stepNormaliser the sequence steps' normalisation, or {@code null}
 * @param hyperParameters the training configuration, by name
 * @param seed the training seed
 * @param dataWindows training, validation and test windows, each {@code from/to} in ISO-8601
 * @param codeVersion the Argus version that trained it
 * @param metrics test metrics (auc_roc, average_precision, card_precision_at_100, brier_score...)
 * @param createdAt ISO-8601 instant
 * @param backgroundSize rows of the SHAP background sample stored with it
 */
public record ArtifactManifest(
    int formatVersion, String name, String family, String version, String featureSetVersion,
    List<String> staticFeatures, List<String> sequenceFeatures, int sequenceLength, Normaliser staticNormaliser,
    Normaliser stepNormaliser, Map<String, Object> hyperParameters, long seed, Map<String, String> dataWindows,
    String codeVersion, Map<String, Double> metrics, String createdAt, int backgroundSize) {

  public ArtifactManifest {
    staticFeatures = List.copyOf(staticFeatures);
    sequenceFeatures = List.copyOf(sequenceFeatures);
    hyperParameters = Map.copyOf(hyperParameters);
    dataWindows = Map.copyOf(dataWindows);
    metrics = Map.copyOf(metrics);
  }

  /**
   * The manifest of {@code model}, in the current format: its family and normalisers, the feature set's names (the
   * sequence ones only for a family that reads the sequence), and where the model came from.
   */
  public static ArtifactManifest of(NeuralFraudModel model, FeatureSet featureSet, String name, String version,
      Map<String, Object> hyperParameters, long seed, Map<String, String> dataWindows, Map<String, Double> metrics,
      int backgroundSize, Instant createdAt) {
    boolean sequence = model.modelFamily().usesSequence();
    String codeVersion = ArtifactManifest.class.getPackage().getImplementationVersion();
    return new ArtifactManifest(ArtifactFormat.VERSION, name, model.family(), version, featureSet.version(),
        featureSet.staticNames(), sequence ? featureSet.sequenceStepNames() : List.of(),
        sequence ? featureSet.sequenceLength() : 0, model.staticNormaliser(), model.stepNormaliser(),
        hyperParameters, seed, dataWindows, codeVersion == null ? "development" : codeVersion, metrics,
        createdAt.toString(), backgroundSize);
  }

  /** The same manifest with other metrics (the trainer fills them after the test evaluation). */
  public ArtifactManifest withMetrics(Map<String, Double> newMetrics) {
    return new ArtifactManifest(formatVersion, name, family, version, featureSetVersion, staticFeatures,
        sequenceFeatures, sequenceLength, staticNormaliser, stepNormaliser, hyperParameters, seed, dataWindows,
        codeVersion, newMetrics, createdAt, backgroundSize);
  }

  /** The same manifest with other static feature names (tests build mismatched artifacts with it). */
  public ArtifactManifest withStaticFeatures(List<String> names) {
    return new ArtifactManifest(formatVersion, name, family, version, featureSetVersion, names, sequenceFeatures,
        sequenceLength, staticNormaliser, stepNormaliser, hyperParameters, seed, dataWindows, codeVersion, metrics,
        createdAt, backgroundSize);
  }
}
