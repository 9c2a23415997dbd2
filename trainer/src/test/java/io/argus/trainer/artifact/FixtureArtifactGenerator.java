package io.argus.trainer.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.FraudV1;
import io.argus.features.offline.DatasetSplit;
import io.argus.model.ModelFamily;
import io.argus.trainer.synthetic.SyntheticFraud;
import io.argus.trainer.training.FraudTrainer;
import io.argus.trainer.training.HyperParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the committed fixture artifact (after a deliberate format change):
 * {@code mvn -pl trainer test -Dtest=FixtureArtifactGenerator -Dargus.fixture.regenerate=true}, then commit
 * {@code src/test/resources/io/argus/trainer/artifact/fixture-lstm.zip} and its {@code .sha256}.
 */
@EnabledIfSystemProperty(named = "argus.fixture.regenerate", matches = "true")
class FixtureArtifactGenerator {

  @Test
  void regenerateFixture() throws IOException {
    DatasetSplit split = new SyntheticFraud(21, true, 0.1).split(1000, 400, 400);
    FraudTrainer.TrainingRun run = new FraudTrainer(FraudV1.FEATURE_SET).train(split.train(), split.validation(),
        HyperParameters.tiny(ModelFamily.LSTM).withMaxEpochs(5));
    ArtifactManifest manifest = ArtifactManifest.of(run, FraudV1.FEATURE_SET, "lstm", "fixture-1",
        Map.of("train", split.trainWindow().from() + "/" + split.trainWindow().to()), Map.of(), 20,
        Instant.parse("2018-08-15T00:00:00Z"));
    String sha256 = ModelArtifact.write(FixtureArtifact.SOURCE, manifest, run.network(), run.model(),
        BackgroundSample.draw(split.train(), 20, 1));
    Files.writeString(FixtureArtifact.SOURCE.resolveSibling("fixture-lstm.zip.sha256"), sha256 + "\n");

    LoadedModel written = ModelArtifact.read(FixtureArtifact.SOURCE, sha256, FraudV1.FEATURE_SET);
    assertThat(written.maximumDeviationFromExpected()).as("the written fixture reproduces its own scores")
        .isLessThan(1e-6);
  }
}
