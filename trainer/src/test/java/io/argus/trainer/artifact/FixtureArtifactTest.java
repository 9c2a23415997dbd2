package io.argus.trainer.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.features.FraudV1;
import io.argus.model.artifact.ArtifactReader;
import io.argus.model.artifact.LoadedModel;
import io.argus.model.artifact.ModelArtifactException;
import org.junit.jupiter.api.Test;

/**
 * The format-1 artifact committed by an earlier build (before the plain weights entry) still loads through the
 * trainer's reader, passes every check and scores as it did then; the serving reader refuses it, saying why.
 */
class FixtureArtifactTest {

  @Test
  void shouldStillLoadTheCommittedFormatOneFixture() {
    LoadedModel loaded = ModelArtifact.read(FixtureArtifact.file(), FixtureArtifact.sha256());

    assertThat(loaded.manifest().formatVersion()).isEqualTo(1);
    assertThat(loaded.manifest().family()).isEqualTo("lstm");
    assertThat(loaded.model().featureNames()).isEqualTo(FraudV1.FEATURE_SET.staticNames());
    assertThat(loaded.model().sequenceFeatureNames()).isEqualTo(FraudV1.FEATURE_SET.sequenceStepNames());
    assertThat(loaded.background()).hasSize(20);
    assertThat(loaded.maximumDeviationFromExpected()).isLessThan(1e-9);
    loaded.smokeTest();
  }

  @Test
  void shouldBeRefusedByTheServingReaderWithAReason() {
    assertThatThrownBy(() -> ArtifactReader.read(FixtureArtifact.file(), FixtureArtifact.sha256()))
        .isInstanceOf(ModelArtifactException.class)
        .hasMessageContaining("has format version 1; this reader reads [2]")
        .hasMessageContaining("retrain");
  }
}
