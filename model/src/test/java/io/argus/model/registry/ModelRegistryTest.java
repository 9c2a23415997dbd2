package io.argus.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

  @TempDir
  Path root;

  @Test
  void shouldRegisterVersionsAndPromoteOneToChampion() throws IOException {
    ModelRegistry registry = new ModelRegistry(root);
    RegisteredModel first = register(registry, "lstm", "20260101-000000", "aa");
    RegisteredModel second = register(registry, "lstm", "20260102-000000", "bb");

    assertThat(registry.champion("lstm")).isEmpty();
    registry.promote(second);

    assertThat(registry.champion("lstm")).contains(second);
    assertThat(registry.versions("lstm")).containsExactly(first, second);
    assertThat(first.artifact()).isEqualTo(root.resolve("lstm/20260101-000000/model.zip"));
    assertThat(Files.readString(root.resolve("lstm/CHAMPION")).trim()).isEqualTo("20260102-000000");
  }

  @Test
  void shouldNeverRegisterAVersionTwice() throws IOException {
    ModelRegistry registry = new ModelRegistry(root);
    register(registry, "mlp", "v1", "aa");

    assertThatThrownBy(() -> registry.register("mlp", "v1", "bb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered");
  }

  @Test
  void shouldRefuseNamesThatAreNotPlainPathSegments() {
    ModelRegistry registry = new ModelRegistry(root);

    assertThatThrownBy(() -> registry.artifactPath("../lstm", "v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got ../lstm");
  }

  private static RegisteredModel register(ModelRegistry registry, String name, String version, String sha256)
      throws IOException {
    Path artifact = registry.artifactPath(name, version);
    Files.createDirectories(artifact.getParent());
    Files.write(artifact, new byte[] {1});
    return registry.register(name, version, sha256);
  }
}
