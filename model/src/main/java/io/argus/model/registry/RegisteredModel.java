package io.argus.model.registry;

import java.net.URI;
import java.nio.file.Path;

/** One version of a model in the registry: where its artifact is and its SHA-256. */
public record RegisteredModel(String name, String version, Path artifact, String sha256) {

  /** The artifact's location as {@code ModelRelease.artifactUri} carries it. */
  public URI uri() {
    return artifact.toAbsolutePath().toUri();
  }
}
