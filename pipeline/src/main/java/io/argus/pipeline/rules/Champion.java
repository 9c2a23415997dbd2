package io.argus.pipeline.rules;

import io.argus.model.FraudModel;
import io.argus.model.artifact.ArtifactReader;
import io.argus.model.artifact.LoadedModel;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model a backtest compares a rule with: the champion of a name in the registry, read and verified as the scorer
 * reads it (the serving {@link ArtifactReader}: SHA-256, format, feature names), and the alert threshold the scorer
 * alerts at.
 */
public record Champion(String name, String version, FraudModel model, double alertThreshold) {

  public Champion {
    if (!(alertThreshold >= 0 && alertThreshold <= 1)) {
      throw new IllegalArgumentException("the alert threshold must be between 0 and 1, got " + alertThreshold);
    }
  }

  /**
   * The champion of {@code name} in the registry at {@code registry}.
   *
   * @throws IllegalArgumentException when the registry has no champion of that name
   */
  public static Champion load(Path registry, String name, double alertThreshold) {
    if (!Files.isDirectory(registry)) {
      throw new IllegalArgumentException("no model registry at " + registry);
    }
    RegisteredModel registered = new ModelRegistry(registry).champion(name).orElseThrow(() ->
        new IllegalArgumentException("the registry " + registry + " has no champion named '" + name + "'"));
    LoadedModel loaded = ArtifactReader.read(registered.artifact(), registered.sha256());
    return new Champion(name, registered.version(), loaded.model(), alertThreshold);
  }
}
