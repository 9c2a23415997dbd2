package io.argus.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.argus.features.FraudV1;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.SampleInputs;
import io.argus.model.network.NetworkShape;
import io.argus.model.network.NeuralFraudModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadedModelTest {

  private static final List<ModelInput> BACKGROUND = SampleInputs.of(10, 2);
  private static final NeuralFraudModel MODEL = SampleInputs.network(NetworkShape.tiny(ModelFamily.LSTM), BACKGROUND,
      3);

  @Test
  void shouldPassTheSmokeTestWhenTheModelReproducesItsStoredScores() {
    LoadedModel loaded = loaded(BACKGROUND, MODEL.score(BACKGROUND));

    assertThatCode(loaded::smokeTest).doesNotThrowAnyException();
    assertThat(loaded.maximumDeviationFromExpected()).isZero();
  }

  @Test
  void shouldFailTheSmokeTestNamingTheFirstRowThatScoresDifferently() {
    double[] expected = MODEL.score(BACKGROUND);
    expected[3] += 1e-3;

    LoadedModel loaded = loaded(BACKGROUND, expected);

    assertThatThrownBy(loaded::smokeTest)
        .isInstanceOf(ModelArtifactException.class)
        .hasMessageStartingWith("smoke test failed on background row 3: scored ");
    assertThat(loaded.maximumDeviationFromExpected()).isCloseTo(1e-3, within(1e-12));
  }

  @Test
  void shouldFailTheSmokeTestOfAnArtifactWithoutBackground() {
    assertThatThrownBy(() -> loaded(List.of(), new double[0]).smokeTest())
        .isInstanceOf(ModelArtifactException.class)
        .hasMessageContaining("needs a background sample");
  }

  @Test
  void shouldRefuseAsManyExpectedScoresAsBackgroundRowsOnly() {
    assertThatThrownBy(() -> loaded(BACKGROUND, new double[3]))
        .isInstanceOf(ModelArtifactException.class)
        .hasMessageContaining("holds 10 background rows but 3 expected scores");
  }

  private static LoadedModel loaded(List<ModelInput> background, double[] expectedScores) {
    ArtifactManifest manifest = ArtifactManifest.of(MODEL, FraudV1.FEATURE_SET, "lstm", "v1", Map.of(), 1, Map.of(),
        Map.of(), background.size(), Instant.parse("2026-11-25T00:00:00Z"));
    return new LoadedModel(manifest, MODEL, background, expectedScores, "0".repeat(64));
  }
}
