package io.argus.pipeline.runtime;

import io.argus.avro.ModelRelease;
import io.argus.avro.ReleaseStatus;
import io.argus.model.artifact.ArtifactReader;
import io.argus.model.artifact.LoadedModel;
import io.argus.model.artifact.ModelArtifactException;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Optional;

/**
 * The demo's first champion, shipped in the jar, so scoring starts within seconds: an LSTM the trainer trained with
 * the demo's hyper-parameters ({@link DemoTraining}) on 50 simulated days of the demo's population under another
 * seed, its fraud_v1 computed by the feature store's reference path (the test class {@code DemoModelGenerator}
 * regenerates it). It is installed into the demo's registry as the champion of its name, verified as the scorer will
 * verify it (the serving {@link ArtifactReader}: SHA-256, format, fraud_v1's feature names), and released on
 * {@code model-releases} for the scorer to adopt.
 */
public final class DemoModel {

  static final String RESOURCE = "/io/argus/pipeline/runtime/demo-model.zip";
  static final String REGENERATE = "mvn -B -pl pipeline -am test -Dtest=DemoModelGenerator "
      + "-Dargus.demo-model.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false";

  private DemoModel() {
  }

  /**
   * Installs the shipped model as the champion when the registry has none of its name yet.
   *
   * @return the release to publish, or empty when the registry already has a champion (a resumed demo)
   * @throws IllegalStateException naming the mismatch when the shipped model does not fit this build's fraud_v1
   */
  public static Optional<ModelRelease> installIfNoChampion(ModelRegistry registry, Instant now) {
    String name = DemoTraining.modelName();
    if (registry.champion(name).isPresent()) {
      return Optional.empty();
    }
    String sha256 = resourceText(RESOURCE + ".sha256").trim();
    Path staging = registry.root().resolve(".demo-model.zip");
    try {
      copyResource(staging);
      LoadedModel loaded = read(staging, sha256);
      String version = loaded.manifest().version();
      Path artifact = registry.artifactPath(name, version);
      Files.createDirectories(artifact.getParent());
      Files.move(staging, artifact);
      RegisteredModel model = registry.register(name, version, sha256);
      registry.promote(model);
      return Optional.of(ModelRelease.newBuilder().setName(name).setVersion(version)
          .setArtifactUri(model.uri().toString()).setSha256(sha256)
          .setFeatureSetVersion(loaded.manifest().featureSetVersion())
          .setMetrics(new HashMap<>(loaded.manifest().metrics())).setStatus(ReleaseStatus.CHAMPION)
          .setEvaluationWindow(loaded.manifest().dataWindows().getOrDefault("test", ""))
          .setReleasedAt(now).build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the demo model into " + registry.root(), e);
    }
  }

  private static LoadedModel read(Path artifact, String sha256) throws IOException {
    try {
      return ArtifactReader.read(artifact, sha256);
    } catch (ModelArtifactException e) {
      Files.deleteIfExists(artifact);
      throw new IllegalStateException("the shipped demo model does not fit this build (" + e.getMessage()
          + "); regenerate it with: " + REGENERATE, e);
    }
  }

  private static void copyResource(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = resource(RESOURCE)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String resourceText(String name) {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = DemoModel.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("the demo model " + name + " is not on the classpath; generate it with: "
          + REGENERATE);
    }
    return in;
  }
}
