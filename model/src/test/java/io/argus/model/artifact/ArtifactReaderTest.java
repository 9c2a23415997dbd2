package io.argus.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.features.FraudV1;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.SampleInputs;
import io.argus.model.network.NetworkShape;
import io.argus.model.network.NeuralFraudModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Write then read gives the same scores, bit for bit, for every family; a corrupt, mismatched or malformed artifact is
 * refused with an error naming why.
 */
class ArtifactReaderTest {

  private static final List<ModelInput> INPUTS = SampleInputs.of(300, 11);
  private static final List<ModelInput> BACKGROUND = INPUTS.subList(0, 20);
  private static final Instant CREATED = Instant.parse("2026-11-25T00:00:00Z");

  @TempDir
  Path directory;

  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void shouldReadBackAModelThatScoresExactlyAsTheOneWritten(ModelFamily family) {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.standard(family), INPUTS, 4);
    Path file = directory.resolve(family.id() + ".zip");
    String sha256 = ArtifactWriter.write(file, manifest(model), model, BACKGROUND);

    LoadedModel loaded = ArtifactReader.read(file, sha256);

    assertThat(loaded.model().score(INPUTS)).containsExactly(model.score(INPUTS));
    assertThat(loaded.maximumDeviationFromExpected()).isZero();
    assertThat(loaded.manifest().formatVersion()).isEqualTo(ArtifactFormat.VERSION);
    assertThat(loaded.manifest().family()).isEqualTo(family.id());
    assertThat(loaded.background()).hasSize(20);
    assertThat(loaded.sha256()).isEqualTo(sha256);
    loaded.smokeTest();
  }

  @Test
  void shouldWriteTheSameBytesForTheSameModel() {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.tiny(ModelFamily.TRANSFORMER), INPUTS, 4);

    String first = ArtifactWriter.write(directory.resolve("first.zip"), manifest(model), model, BACKGROUND);
    String second = ArtifactWriter.write(directory.resolve("second.zip"), manifest(model), model, BACKGROUND);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void shouldRefuseAnArtifactWhoseChecksumDiffers() throws IOException {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.tiny(ModelFamily.MLP), INPUTS, 4);
    Path file = directory.resolve("model.zip");
    String sha256 = ArtifactWriter.write(file, manifest(model), model, BACKGROUND);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);

    assertThatThrownBy(() -> ArtifactReader.read(file, sha256))
        .isInstanceOf(ModelArtifactException.class)
        .hasMessageContaining("but " + sha256 + " was expected");
  }

  @Test
  void shouldRefuseAnArtifactWhoseFeaturesDoNotMatchFraudV1() {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.tiny(ModelFamily.LSTM), INPUTS, 4);
    List<String> swapped = new ArrayList<>(FraudV1.FEATURE_SET.staticNames());
    Collections.swap(swapped, 1, 2);
    Path file = directory.resolve("swapped.zip");
    String sha256 = ArtifactWriter.write(file, manifest(model).withStaticFeatures(swapped), model, BACKGROUND);

    assertThatThrownBy(() -> ArtifactReader.read(file, sha256))
        .isInstanceOf(ModelArtifactException.class)
        .hasMessageContaining("does not match fraud_v1's static features")
        .hasMessageContaining("at position 1 it has TX_DURING_NIGHT where fraud_v1 declares TX_DURING_WEEKEND");
  }

  @Test
  void shouldRefuseWeightsThatDoNotFillTheirShapes() throws IOException {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.tiny(ModelFamily.LSTM), INPUTS, 4);
    Path written = directory.resolve("model.zip");
    String sha256 = ArtifactWriter.write(written, manifest(model), model, BACKGROUND);
    ArtifactEntries entries = ArtifactEntries.open(written, sha256);
    byte[] values = entries.required(ArtifactFormat.WEIGHT_VALUES);
    Path truncated = directory.resolve("truncated.zip");
    try (OutputStream out = Files.newOutputStream(truncated); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String name : List.of(ArtifactFormat.MANIFEST, ArtifactFormat.WEIGHTS, ArtifactFormat.BACKGROUND,
          ArtifactFormat.EXPECTED_SCORES)) {
        entry(zip, name, entries.required(name));
      }
      entry(zip, ArtifactFormat.WEIGHT_VALUES, Arrays.copyOf(values, values.length - Double.BYTES));
    }

    assertThatThrownBy(() -> ArtifactReader.read(truncated, ArtifactFormat.sha256(truncated)))
        .isInstanceOf(ModelArtifactException.class)
        .hasMessageContaining("weights.bin holds " + (values.length - Double.BYTES) + " bytes but weights.json "
            + "describes " + values.length);
  }

  @Test
  void shouldRefuseAFormatItHasNoReaderFor() {
    NeuralFraudModel model = SampleInputs.network(NetworkShape.tiny(ModelFamily.MLP), INPUTS, 4);
    Path file = directory.resolve("model.zip");
    String sha256 = ArtifactWriter.write(file, manifest(model), model, BACKGROUND);

    assertThatThrownBy(() -> ArtifactReader.read(file, sha256, FraudV1.FEATURE_SET, Map.of(1, ArtifactReader.WEIGHTS)))
        .isInstanceOf(ModelArtifactException.class)
        .hasMessageContaining("has format version 2; this reader reads [1]");
  }

  private static ArtifactManifest manifest(NeuralFraudModel model) {
    return ArtifactManifest.of(model, FraudV1.FEATURE_SET, model.family(), "test-1", Map.of("seed", 4), 4,
        Map.of(), Map.of("average_precision", 0.5), BACKGROUND.size(), CREATED);
  }

  private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }
}
