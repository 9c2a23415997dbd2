package io.argus.model.artifact;

import io.argus.model.network.NeuralFraudModel;
import java.io.IOException;

/**
 * Builds the network of an artifact of one format version from its entries and its (already verified) manifest. The
 * serving reader knows one, {@link ArtifactReader#WEIGHTS} (format 2); the trainer adds one for format 1, which holds
 * only a Deeplearning4j network.
 */
@FunctionalInterface
public interface NetworkReader {

  NeuralFraudModel read(ArtifactManifest manifest, ArtifactEntries entries) throws IOException;
}
