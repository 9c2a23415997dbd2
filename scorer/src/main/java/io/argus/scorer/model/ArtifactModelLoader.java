package io.argus.scorer.model;

import io.argus.avro.ModelRelease;
import io.argus.model.artifact.ArtifactReader;
import io.argus.model.artifact.LoadedModel;
import io.argus.model.artifact.ModelArtifactException;
import io.argus.model.registry.ModelRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads model artifacts with the serving reader ({@link ArtifactReader}, no Deeplearning4j: SHA-256, format version,
 * feature set and feature names verified as it reads). The artifact is looked up in the scorer's registry directory by the release's name and
 * version — the registry layout is the contract, so a registry mounted at another path works — and, when it is not
 * there, at the release's {@code artifactUri} if that is a local file.
 */
public final class ArtifactModelLoader implements ModelLoader {

  private final ModelRegistry registry;

  public ArtifactModelLoader(Path registryDirectory) {
    this.registry = new ModelRegistry(registryDirectory);
  }

  @Override
  public LoadedModel load(ModelRelease release) throws ModelRejectedException {
    try {
      return ArtifactReader.read(locate(release), release.getSha256());
    } catch (ModelArtifactException | IllegalArgumentException e) {
      throw new ModelRejectedException(e.getMessage(), e);
    }
  }

  private Path locate(ModelRelease release) throws ModelRejectedException {
    Path inRegistry = registry.artifactPath(release.getName(), release.getVersion());
    if (Files.isRegularFile(inRegistry)) {
      return inRegistry;
    }
    URI uri = URI.create(release.getArtifactUri());
    if ("file".equals(uri.getScheme()) && Files.isRegularFile(Path.of(uri))) {
      return Path.of(uri);
    }
    throw new ModelRejectedException("no artifact for " + release.getName() + " " + release.getVersion() + " at "
        + inRegistry + " nor at " + release.getArtifactUri());
  }
}
