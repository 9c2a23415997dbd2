package io.argus.trainer.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.FraudV1;
import io.argus.features.offline.DatasetSplit;
import io.argus.model.ModelFamily;
import io.argus.model.artifact.ArtifactManifest;
import io.argus.model.artifact.ArtifactReader;
import io.argus.model.artifact.LoadedModel;
import io.argus.trainer.synthetic.SyntheticFraud;
import io.argus.trainer.training.FraudTrainer;
import io.argus.trainer.training.HyperParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the current-format fixture artifact of the model module (after a deliberate format change), a tiny
 * transformer trained here because training needs Deeplearning4j:
 * {@code mvn -B -pl trainer -am test -Dtest=FixtureArtifactGenerator -Dargus.fixture.regenerate=true
 * -Dsurefire.failIfNoSpecifiedTests=false}, then commit
 * {@code model/src/test/resources/io/argus/model/artifact/fixture-transformer.zip} and its {@code .sha256}. The
 * format-1 fixture of this module ({@link FixtureArtifact}) is frozen.
 */
@EnabledIfSystemProperty(named = "argus.fixture.regenerate", matches = "true")
class FixtureArtifactGenerator {

  /** The model module's fixture, from the trainer module's directory (where Surefire runs). */
  static final Path TARGET = Path.of("../model/src/test/resources/io/argus/model/artifact/fixture-transformer.zip");

  @Test
  void regenerateFixture() throws IOException {
    DatasetSplit split = new SyntheticFraud(21, true, 0.1).split(1000, 400, 400);
    FraudTrainer.TrainingRun run = new FraudTrainer(FraudV1.FEATURE_SET).train(split.train(), split.validation(),
        HyperParameters.tiny(ModelFamily.TRANSFORMER).withMaxEpochs(5));
    ArtifactManifest manifest = run.manifest(FraudV1.FEATURE_SET, "transformer", "fixture-2",
        Map.of("train", split.trainWindow().from() + "/" + split.trainWindow().to()), Map.of(), 20,
        Instant.parse("2018-08-15T00:00:00Z"));
    String sha256 = ModelArtifact.write(TARGET, manifest, run.network(), run.model(),
        BackgroundSample.draw(split.train(), 20, 1));
    Files.writeString(TARGET.resolveSibling(TARGET.getFileName() + ".sha256"), sha256 + "\n");

    LoadedModel written = ArtifactReader.read(TARGET, sha256, FraudV1.FEATURE_SET);
    assertThat(written.maximumDeviationFromExpected()).as("the written fixture reproduces its own scores")
        .isZero();
    assertThat(Files.size(TARGET)).as("the fixture stays small").isLessThan(64 * 1024);
  }
}
