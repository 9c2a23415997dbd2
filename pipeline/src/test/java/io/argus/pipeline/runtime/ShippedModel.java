package io.argus.pipeline.runtime;

import io.argus.avro.ModelRelease;
import io.argus.model.registry.ModelRegistry;
import java.nio.file.Path;
import java.time.Instant;

/** The demo's shipped model, installed as the champion of a test's registry, for tests outside this package. */
public final class ShippedModel {

  private ShippedModel() {
  }

  /** Installs the shipped model into a fresh registry at {@code root}; the release to publish. */
  public static ModelRelease install(Path root) {
    return DemoModel.installIfNoChampion(new ModelRegistry(root), Instant.now()).orElseThrow();
  }
}
