package io.argus.scorer.bench;

import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.artifact.ArtifactManifest;
import io.argus.model.artifact.ArtifactWriter;
import io.argus.model.network.NetworkShape;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.Normaliser;
import io.argus.model.network.RandomNetworks;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes real model artifacts, in the serving format and registry, of a network that is initialised but not trained:
 * the standard shape of a family ({@link NetworkShape#standard}, the one {@code argus train} trains) with Xavier
 * weights drawn from a seed ({@link RandomNetworks}) and normalisers fitted on the given sample. Its scores mean
 * nothing, but loading, checks, forward pass and explanations cost exactly what a trained model of that size costs,
 * so benchmarks and tests exercise the serving path without a training run (and without Deeplearning4j).
 */
public final class UntrainedModels {

  private UntrainedModels() {
  }

  /** Writes and registers version {@code version} of an untrained {@code family} model named after the family. */
  public static RegisteredModel register(ModelRegistry registry, ModelFamily family, String version,
      List<ModelInput> background, long seed) {
    FeatureSet featureSet = FraudV1.FEATURE_SET;
    NetworkShape shape = NetworkShape.standard(family);
    Normaliser staticNormaliser = Normaliser.fit(featureSet.staticFeatures(),
        background.stream().map(ModelInput::values).toList());
    Normaliser stepNormaliser = family.usesSequence()
        ? Normaliser.fit(featureSet.sequenceStep(), steps(background)) : null;
    NeuralFraudModel model = RandomNetworks.initialise(shape, staticNormaliser, stepNormaliser,
        featureSet.sequenceLength(), seed);
    ArtifactManifest manifest = ArtifactManifest.of(model, featureSet, family.id(), version, Map.of(
            "family", family.id(), "sequence_width", shape.sequenceWidth(), "attention_heads", shape.attentionHeads(),
            "dense_width", shape.denseWidth(), "dense_layers", shape.denseLayers(), "untrained", true), seed, Map.of(),
        Map.of(), background.size(), Instant.now());
    String sha256 = ArtifactWriter.write(registry.artifactPath(family.id(), version), manifest, model, background);
    return registry.register(family.id(), version, sha256);
  }

  private static List<double[]> steps(List<ModelInput> inputs) {
    int present = FraudV1.FEATURE_SET.sequenceStepNames().indexOf(FraudV1.SEQ_PRESENT);
    List<double[]> steps = new ArrayList<>();
    for (ModelInput input : inputs) {
      for (double[] step : input.sequence()) {
        if (step[present] == 1) {
          steps.add(step);
        }
      }
    }
    return steps;
  }
}
