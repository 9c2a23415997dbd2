package io.argus.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.FraudV1;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The current-format artifact committed by an earlier build ({@code fixture-transformer.zip}: a tiny transformer the
 * trainer trained, with its Deeplearning4j network beside the weights) still loads without Deeplearning4j, passes
 * every check and scores as it did then. The trainer's test {@code FixtureArtifactGenerator} regenerates it.
 */
class FixtureArtifactTest {

  static final String RESOURCE = "/io/argus/model/artifact/fixture-transformer.zip";

  @Test
  void shouldStillLoadTheCommittedFixtureWithoutDeeplearning4j() {
    LoadedModel loaded = ArtifactReader.read(file(), sha256());

    assertThat(loaded.manifest().formatVersion()).isEqualTo(ArtifactFormat.VERSION);
    assertThat(loaded.manifest().family()).isEqualTo("transformer");
    assertThat(loaded.model().featureNames()).isEqualTo(FraudV1.FEATURE_SET.staticNames());
    assertThat(loaded.model().sequenceFeatureNames()).isEqualTo(FraudV1.FEATURE_SET.sequenceStepNames());
    assertThat(loaded.background()).hasSize(20);
    assertThat(loaded.maximumDeviationFromExpected()).isZero();
    loaded.smokeTest();
  }

  private static Path file() {
    try {
      return Path.of(FixtureArtifactTest.class.getResource(RESOURCE).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256() {
    try (InputStream in = FixtureArtifactTest.class.getResourceAsStream(RESOURCE + ".sha256")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
