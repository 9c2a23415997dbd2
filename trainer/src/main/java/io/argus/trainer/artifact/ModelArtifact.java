package io.argus.trainer.artifact;

import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.artifact.ArtifactEntries;
import io.argus.model.artifact.ArtifactFormat;
import io.argus.model.artifact.ArtifactManifest;
import io.argus.model.artifact.ArtifactReader;
import io.argus.model.artifact.ArtifactWriter;
import io.argus.model.artifact.LoadedModel;
import io.argus.model.artifact.NetworkReader;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.SequenceLayout;
import io.argus.model.registry.RegisteredModel;
import io.argus.trainer.training.NetworkConversion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The trainer's side of the model artifact ({@link ArtifactFormat}). It writes the current format with the trained
 * Deeplearning4j network beside the plain weights, as {@code network.zip} (DL4J's {@code ModelSerializer} format:
 * JSON configuration plus binary parameters, no updater), which the serving reader ignores. It reads every format
 * Argus has written: format 2 through the serving reader's weights entry, format 1 (which holds only
 * {@code network.zip}) by restoring the DL4J network and copying its parameters into the plain-Java forward pass
 * ({@link NetworkConversion}). Both check the same things ({@link ArtifactReader}).
 */
public final class ModelArtifact {

  /** The entry holding the Deeplearning4j network. */
  public static final String NETWORK = "network.zip";
  /** By format version: format 1's network is the Deeplearning4j one, converted; format 2's the weights entry. */
  private static final Map<Integer, NetworkReader> NETWORK_READERS = Map.of(1, ModelArtifact::convertNetwork,
      ArtifactFormat.VERSION, ArtifactReader.WEIGHTS);

  private ModelArtifact() {
  }

  /** Writes the artifact in the current format, with {@code network} as {@code network.zip}; returns its SHA-256. */
  public static String write(Path file, ArtifactManifest manifest, ComputationGraph network, NeuralFraudModel model,
      List<ModelInput> background) {
    ByteArrayOutputStream networkBytes = new ByteArrayOutputStream();
    try {
      ModelSerializer.writeModel(network, networkBytes, false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialise the network of " + manifest.name() + " "
          + manifest.version(), e);
    }
    return ArtifactWriter.write(file, manifest, model, background, Map.of(NETWORK, networkBytes.toByteArray()));
  }

  /** Reads and verifies an artifact of format 1 or 2 against fraud_v1. */
  public static LoadedModel read(Path file, String expectedSha256) {
    return read(file, expectedSha256, FraudV1.FEATURE_SET);
  }

  /** Reads and verifies a registered version, of format 1 or 2, against fraud_v1. */
  public static LoadedModel read(RegisteredModel model) {
    return read(model.artifact(), model.sha256());
  }

  /** Reads and verifies an artifact of format 1 or 2 against the given serving feature set. */
  public static LoadedModel read(Path file, String expectedSha256, FeatureSet featureSet) {
    return ArtifactReader.read(file, expectedSha256, featureSet, NETWORK_READERS);
  }

  private static NeuralFraudModel convertNetwork(ArtifactManifest manifest, ArtifactEntries entries)
      throws IOException {
    ComputationGraph network = ModelSerializer.restoreComputationGraph(
        new ByteArrayInputStream(entries.required(NETWORK)), false);
    ModelFamily family = ModelFamily.of(manifest.family());
    SequenceLayout layout = family.usesSequence()
        ? new SequenceLayout(manifest.sequenceLength(), manifest.sequenceFeatures().size()) : null;
    return NetworkConversion.toModel(network, family, manifest.staticNormaliser(), manifest.stepNormaliser(), layout);
  }
}
