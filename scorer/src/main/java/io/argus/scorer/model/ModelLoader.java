package io.argus.scorer.model;

import io.argus.avro.ModelRelease;
import io.argus.model.artifact.LoadedModel;

/**
 * Reads the model a release points at: the seam between the scorer and the model artifact format. An implementation
 * finds the artifact, verifies its SHA-256 against the release's, and returns the {@link LoadedModel}: the network with
 * its manifest, the background sample and the scores the model gave it when it was written. The {@link ModelHolder}
 * then checks the features and the smoke scores itself, whatever the implementation.
 */
@FunctionalInterface
public interface ModelLoader {

  /**
   * @throws ModelRejectedException saying what is wrong: missing artifact, checksum mismatch, unreadable content
   */
  LoadedModel load(ModelRelease release) throws ModelRejectedException;
}
