package io.argus.scorer.bench;

import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import io.argus.trainer.artifact.ArtifactManifest;
import io.argus.trainer.artifact.ModelArtifact;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.Normaliser;
import io.argus.model.network.SequenceLayout;
import io.argus.trainer.registry.ModelRegistry;
import io.argus.trainer.registry.RegisteredModel;
import io.argus.trainer.training.HyperParameters;
import io.argus.trainer.training.NetworkConversion;
import io.argus.trainer.training.NetworkFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Writes real model artifacts, in the trainer's format and registry, of a network that is initialised but not
 * trained: the standard preset of a family (as {@code argus train} builds it) with weights drawn from a seed and
 * normalisers fitted on the given sample. Its scores mean nothing, but loading, checks, forward pass and
 * explanations cost exactly what a trained model of that size costs, so benchmarks and tests exercise the serving
 * path without a training run.
 */
public final class UntrainedModels {

  private UntrainedModels() {
  }

  /** Writes and registers version {@code version} of an untrained {@code family} model named after the family. */
  public static RegisteredModel register(ModelRegistry registry, ModelFamily family, String version,
      List<ModelInput> background, long seed) {
    FeatureSet featureSet = FraudV1.FEATURE_SET;
    HyperParameters parameters = HyperParameters.standard(family).withSeed(seed);
    boolean sequence = family.usesSequence();
    SequenceLayout layout = sequence
        ? new SequenceLayout(featureSet.sequenceLength(), featureSet.sequenceStep().size()) : null;
    ComputationGraph network = NetworkFactory.build(parameters, featureSet.staticFeatures().size(), layout);
    Normaliser staticNormaliser = Normaliser.fit(featureSet.staticFeatures(),
        background.stream().map(ModelInput::values).toList());
    Normaliser stepNormaliser = sequence ? Normaliser.fit(featureSet.sequenceStep(), steps(background)) : null;
    NeuralFraudModel model = NetworkConversion.toModel(network, family, staticNormaliser, stepNormaliser, layout);
    ArtifactManifest manifest = new ArtifactManifest(ModelArtifact.FORMAT_VERSION, family.id(), family.id(), version,
        featureSet.version(), featureSet.staticNames(), sequence ? featureSet.sequenceStepNames() : List.of(),
        sequence ? featureSet.sequenceLength() : 0, staticNormaliser, stepNormaliser, parameters.asMap(), seed,
        Map.of(), "untrained", Map.of(), Instant.now().toString(), background.size());
    String sha256 = ModelArtifact.write(registry.artifactPath(family.id(), version), manifest, network, model,
        background);
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
