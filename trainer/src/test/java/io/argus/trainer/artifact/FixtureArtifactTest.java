package io.argus.trainer.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.FraudV1;
import org.junit.jupiter.api.Test;

/** The artifact committed by an earlier build still loads, passes every check and scores as it did then. */
class FixtureArtifactTest {

  @Test
  void shouldStillLoadTheCommittedFixture() {
    LoadedModel loaded = ModelArtifact.read(FixtureArtifact.file(), FixtureArtifact.sha256());

    assertThat(loaded.manifest().formatVersion()).isEqualTo(ModelArtifact.FORMAT_VERSION);
    assertThat(loaded.manifest().family()).isEqualTo("lstm");
    assertThat(loaded.model().featureNames()).isEqualTo(FraudV1.FEATURE_SET.staticNames());
    assertThat(loaded.model().sequenceFeatureNames()).isEqualTo(FraudV1.FEATURE_SET.sequenceStepNames());
    assertThat(loaded.background()).hasSize(20);
    assertThat(loaded.maximumDeviationFromExpected()).isLessThan(1e-9);
  }
}
