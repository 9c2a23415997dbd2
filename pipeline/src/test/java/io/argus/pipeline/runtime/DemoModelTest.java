package io.argus.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.ModelRelease;
import io.argus.avro.ReleaseStatus;
import io.argus.features.FraudV1;
import io.argus.model.artifact.ArtifactReader;
import io.argus.model.artifact.LoadedModel;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped first champion fits this build (if fraud_v1 changes, this fails and says how to regenerate it), stays
 * small, and is installed once: a resumed demo keeps the champion it has.
 */
class DemoModelTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir
  Path temp;

  @Test
  void shouldInstallTheShippedModelAsTheChampionOfAnEmptyRegistry() {
    ModelRegistry registry = new ModelRegistry(temp.resolve("registry"));

    ModelRelease release = DemoModel.installIfNoChampion(registry, NOW).orElseThrow();

    RegisteredModel champion = registry.champion(DemoTraining.modelName()).orElseThrow();
    assertThat(release.getVersion()).isEqualTo(champion.version());
    assertThat(release.getSha256()).isEqualTo(champion.sha256());
    assertThat(release.getStatus()).isEqualTo(ReleaseStatus.CHAMPION);
    assertThat(release.getReleasedAt()).isEqualTo(NOW);
    assertThat(release.getFeatureSetVersion()).isEqualTo(FraudV1.FEATURE_SET.version());
    LoadedModel loaded = ArtifactReader.read(champion.artifact(), champion.sha256());
    assertThat(loaded.manifest().metrics()).containsKey("average_precision");
  }

  @Test
  void shouldKeepTheChampionOfAResumedDemo() {
    ModelRegistry registry = new ModelRegistry(temp.resolve("registry"));
    DemoModel.installIfNoChampion(registry, NOW).orElseThrow();

    Optional<ModelRelease> again = DemoModel.installIfNoChampion(registry, NOW.plusSeconds(60));

    assertThat(again).isEmpty();
    assertThat(registry.versions(DemoTraining.modelName())).hasSize(1);
  }

  @Test
  void shouldShipAModelWellUnderOneMebibyte() throws IOException {
    Path resource = Path.of("src/main/resources").resolve(DemoModel.RESOURCE.substring(1));

    assertThat(Files.size(resource)).isLessThan(1024 * 1024);
  }
}
