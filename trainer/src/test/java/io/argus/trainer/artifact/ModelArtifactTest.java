package io.argus.trainer.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.features.FraudV1;
import io.argus.features.offline.DatasetSplit;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.artifact.ArtifactEntries;
import io.argus.model.artifact.ArtifactFormat;
import io.argus.model.artifact.ArtifactManifest;
import io.argus.model.artifact.ArtifactReader;
import io.argus.model.artifact.LoadedModel;
import io.argus.model.artifact.ModelArtifactException;
import io.argus.model.network.NeuralFraudModel;
import io.argus.trainer.synthetic.SyntheticFraud;
import io.argus.trainer.training.FraudTrainer;
import io.argus.trainer.training.FraudTrainer.TrainingRun;
import io.argus.trainer.training.HyperParameters;
import io.argus.trainer.training.NetworkConversion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save and load give identical scores; a corrupt or mismatched artifact is refused with an error naming why. */
class ModelArtifactTest {

  private static final Instant CREATED = Instant.parse("2018-08-15T00:00:00Z");
  private static DatasetSplit split;
  private static TrainingRun run;

  @TempDir
  Path directory;

  @BeforeAll
  static void train() {
    split = new SyntheticFraud(3, true, 0.1).split(600, 300, 300);
    run = new FraudTrainer(FraudV1.FEATURE_SET).train(split.train(), split.validation(),
        HyperParameters.tiny(ModelFamily.LSTM).withMaxEpochs(2));
  }

  @Test
  void shouldScoreIdenticallyAfterSaveAndLoad() {
    Path file = directory.resolve("model.zip");
    String sha256 = write(file, manifest());

    LoadedModel loaded = ModelArtifact.read(file, sha256);

    List<ModelInput> test = split.test().stream().map(example -> ModelInput.of(example.vector())).toList();
    assertThat(loaded.model().score(test)).containsExactly(run.model().score(test));
    assertThat(loaded.maximumDeviationFromExpected()).isZero();
    assertThat(loaded.background()).hasSize(20);
    assertThat(loaded.manifest().staticFeatures()).isEqualTo(FraudV1.FEATURE_SET.staticNames());
    assertThat(loaded.manifest().hyperParameters()).containsEntry("family", "lstm");
    assertThat(loaded.sha256()).isEqualTo(sha256);
  }

  @Test
  void shouldKeepTheNetworkBesideWeightsThatServeTheSameScoresWithoutDeeplearning4j() throws IOException {
    Path file = directory.resolve("model.zip");
    String sha256 = write(file, manifest());

    LoadedModel served = ArtifactReader.read(file, sha256);
    ArtifactEntries entries = ArtifactEntries.open(file, sha256);
    ComputationGraph network = ModelSerializer.restoreComputationGraph(
        new ByteArrayInputStream(entries.required(ModelArtifact.NETWORK)), false);
    NeuralFraudModel converted = NetworkConversion.toModel(network, ModelFamily.LSTM, run.model().staticNormaliser(),
        run.model().stepNormaliser(), run.model().layout());

    List<ModelInput> test = split.test().stream().map(example -> ModelInput.of(example.vector())).toList();
    assertThat(served.manifest().formatVersion()).isEqualTo(ArtifactFormat.VERSION);
    assertThat(served.model().score(test)).containsExactly(run.model().score(test))
        .containsExactly(converted.score(test));
  }

  @Test
  void shouldRefuseArtifactWhoseFeaturesDoNotMatchFraudV1() {
    List<String> swapped = new ArrayList<>(FraudV1.FEATURE_SET.staticNames());
    Collections.swap(swapped, 1, 2);
    Path file = directory.resolve("swapped.zip");
    String sha256 = write(file, manifest().withStaticFeatures(swapped));

    assertThatThrownBy(() -> ModelArtifact.read(file, sha256))
        .isInstanceOf(ModelArtifactException.class)
        .hasMessageContaining("does not match fraud_v1's static features")
        .hasMessageContaining("at position 1 it has TX_DURING_NIGHT where fraud_v1 declares TX_DURING_WEEKEND");
  }

  @Test
  void shouldRefuseArtifactWhoseChecksumDiffers() throws IOException {
    Path file = directory.resolve("model.zip");
    String sha256 = write(file, manifest());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);

    assertThatThrownBy(() -> ModelArtifact.read(file, sha256))
        .isInstanceOf(ModelArtifactException.class)
        .hasMessageContaining("but " + sha256 + " was expected");
  }

  private static ArtifactManifest manifest() {
    return run.manifest(FraudV1.FEATURE_SET, "lstm", "test-1",
        Map.of("train", split.trainWindow().from() + "/" + split.trainWindow().to()),
        Map.of("average_precision", 0.5), 20, CREATED);
  }

  private static String write(Path file, ArtifactManifest manifest) {
    return ModelArtifact.write(file, manifest, run.network(), run.model(),
        BackgroundSample.draw(split.train(), 20, 1));
  }
}
