package io.argus.scorer.jmh;

import io.argus.avro.ModelRelease;
import io.argus.features.FraudV1;
import io.argus.features.offline.LabeledVector;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.artifact.ArtifactManifest;
import io.argus.model.artifact.LoadedModel;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.bench.UntrainedModels;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.fixtures.Releases;
import io.argus.scorer.model.ArtifactModelLoader;
import io.argus.scorer.model.ModelRejectedException;
import io.argus.scorer.model.ServingModel;
import io.argus.trainer.artifact.ModelArtifact;
import io.argus.trainer.training.FraudTrainer;
import io.argus.trainer.training.HyperParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The models the benchmarks run: real artifacts of the trainer's standard presets, with {@value #BACKGROUND_ROWS}
 * background rows, written to a temporary registry and read back through the scorer's loader, then prepared for
 * serving as the scorer prepares them. Untrained networks (seeded) cost exactly what trained ones cost; the accuracy
 * study also trains them briefly on a planted rule.
 */
final class BenchmarkModels {

  static final int BACKGROUND_ROWS = 100;

  private final ModelRelease release;
  private final LoadedModel loaded;

  private BenchmarkModels(ModelRelease release, LoadedModel loaded) {
    this.release = release;
    this.loaded = loaded;
  }

  /** An untrained network of the family's standard preset. */
  static BenchmarkModels of(String family) throws IOException, ModelRejectedException {
    Path directory = Files.createTempDirectory("argus-jmh-registry");
    RegisteredModel model = UntrainedModels.register(new ModelRegistry(directory), ModelFamily.of(family), "jmh",
        SyntheticFeatures.sample(BACKGROUND_ROWS, 1), 7);
    return load(directory, model);
  }

  /**
   * The family's standard preset trained for a few epochs on synthetic vectors labelled by a planted rule that
   * mixes static features and the previous transaction ({@link #plantedFraud}), so that its explanations have
   * something to find.
   */
  static BenchmarkModels trained(String family) throws IOException, ModelRejectedException {
    Path directory = Files.createTempDirectory("argus-jmh-registry");
    ModelRegistry registry = new ModelRegistry(directory);
    List<LabeledVector> train = labelled(20_000, 21);
    List<LabeledVector> validation = labelled(4_000, 22);
    FraudTrainer.TrainingRun run = new FraudTrainer(FraudV1.FEATURE_SET).train(train, validation,
        HyperParameters.standard(ModelFamily.of(family)).withMaxEpochs(4));
    List<ModelInput> background = train.subList(0, BACKGROUND_ROWS).stream()
        .map(example -> ModelInput.of(example.vector())).toList();
    ArtifactManifest manifest = run.manifest(FraudV1.FEATURE_SET, family, "trained", Map.of(), Map.of(),
        BACKGROUND_ROWS, Instant.now());
    String sha256 = ModelArtifact.write(registry.artifactPath(family, "trained"), manifest, run.network(),
        run.model(), background);
    return load(directory, registry.register(family, "trained", sha256));
  }

  /** The champion of {@code family} in a registry (a model trained by {@code argus train}). */
  static BenchmarkModels champion(Path registryDirectory, String family) throws ModelRejectedException {
    RegisteredModel model = new ModelRegistry(registryDirectory).champion(family).orElseThrow(
        () -> new IllegalArgumentException("no " + family + " champion in " + registryDirectory));
    return load(registryDirectory, model);
  }

  /** Fraud when a large amount meets a new terminal, now or in the previous transaction, or at a risky terminal. */
  static boolean plantedFraud(ModelInput input) {
    List<String> names = FraudV1.FEATURE_SET.staticNames();
    List<String> stepNames = FraudV1.FEATURE_SET.sequenceStepNames();
    double[] values = input.values();
    double[] previous = input.sequence()[input.sequence().length - 2];
    return values[names.indexOf(FraudV1.TX_AMOUNT)] > 120 && values[names.indexOf(FraudV1.CARD_NEW_TERMINAL)] == 1
        || values[names.indexOf(FraudV1.terminalRisk(7))] > 0.6
        || previous[stepNames.indexOf(FraudV1.SEQ_AMOUNT)] > 150 && previous[stepNames.indexOf(FraudV1.SEQ_NEW_TERMINAL)] == 1;
  }

  private static List<LabeledVector> labelled(int count, long seed) {
    List<ModelInput> inputs = SyntheticFeatures.sample(count, seed);
    List<LabeledVector> examples = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ModelInput input = inputs.get(i);
      examples.add(new LabeledVector(SyntheticFeatures.vector("t-" + seed + "-" + i, "card-" + i % 500, input,
          Instant.parse("2026-11-25T00:00:00Z").plusSeconds(i)), plantedFraud(input)));
    }
    return examples;
  }

  private static BenchmarkModels load(Path directory, RegisteredModel model) throws ModelRejectedException {
    ModelRelease release = Releases.champion(model.name(), model.version(), model.uri().toString(), model.sha256());
    return new BenchmarkModels(release, new ArtifactModelLoader(directory).load(release));
  }

  LoadedModel loaded() {
    return loaded;
  }

  /** The model as the scorer serves it with an explanation budget of {@code budget}. */
  ServingModel serving(int budget) {
    return ServingModel.prepare(release, loaded, FraudV1.FEATURE_SET,
        ExplainerConfig.DEFAULTS.withEvaluationBudget(budget));
  }
}
