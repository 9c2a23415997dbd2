package io.argus.scorer.jmh;

import io.argus.avro.ModelRelease;
import io.argus.features.FraudV1;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.bench.UntrainedModels;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.fixtures.Releases;
import io.argus.scorer.model.ArtifactModelLoader;
import io.argus.scorer.model.ModelCandidate;
import io.argus.scorer.model.ModelRejectedException;
import io.argus.scorer.model.ServingModel;
import io.argus.trainer.model.ModelFamily;
import io.argus.trainer.registry.ModelRegistry;
import io.argus.trainer.registry.RegisteredModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The models the benchmarks run: real artifacts of the trainer's standard presets (untrained, seeded: the same cost
 * as trained ones, with {@value #BACKGROUND_ROWS} background rows), written to a temporary registry and read back
 * through the scorer's loader, then prepared for serving as the scorer prepares them.
 */
final class BenchmarkModels {

  static final int BACKGROUND_ROWS = 100;

  private final ModelRelease release;
  private final ModelCandidate candidate;

  private BenchmarkModels(ModelRelease release, ModelCandidate candidate) {
    this.release = release;
    this.candidate = candidate;
  }

  static BenchmarkModels of(String family) throws IOException, ModelRejectedException {
    Path directory = Files.createTempDirectory("argus-jmh-registry");
    RegisteredModel model = UntrainedModels.register(new ModelRegistry(directory), ModelFamily.of(family), "jmh",
        SyntheticFeatures.sample(BACKGROUND_ROWS, 1), 7);
    ModelRelease release = Releases.champion(family, "jmh", model.uri().toString(), model.sha256());
    return new BenchmarkModels(release, new ArtifactModelLoader(directory).load(release));
  }

  ModelCandidate candidate() {
    return candidate;
  }

  /** The model as the scorer serves it with an explanation budget of {@code budget}. */
  ServingModel serving(int budget) {
    return ServingModel.prepare(release, candidate, FraudV1.FEATURE_SET,
        ExplainerConfig.DEFAULTS.withEvaluationBudget(budget));
  }
}
