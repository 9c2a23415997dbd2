package io.argus.model.artifact;

import com.fasterxml.jackson.core.type.TypeReference;
import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.network.NeuralFraudModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a model artifact ({@link ArtifactFormat}) and verifies it, without Deeplearning4j. In order: the file's
 * SHA-256 against the expected one, the format version, the feature-set version, the static and sequence feature
 * names against the serving feature set and the normalisers against those names; any mismatch is a
 * {@link ModelArtifactException} that names it. The network is then built from the weights entry; the caller runs
 * {@link LoadedModel#smokeTest()} before serving it.
 */
public final class ArtifactReader {

  /** Format 2's network: the plain weights entry ({@code weights.json} and {@code weights.bin}). */
  public static final NetworkReader WEIGHTS = (manifest, entries) -> WeightsEntry.read(manifest,
      entries.required(ArtifactFormat.WEIGHTS), entries.required(ArtifactFormat.WEIGHT_VALUES));

  private ArtifactReader() {
  }

  /** Reads and verifies a format-2 artifact against fraud_v1. */
  public static LoadedModel read(Path file, String expectedSha256) {
    return read(file, expectedSha256, FraudV1.FEATURE_SET);
  }

  /** Reads and verifies a format-2 artifact against the given serving feature set. */
  public static LoadedModel read(Path file, String expectedSha256, FeatureSet featureSet) {
    return read(file, expectedSha256, featureSet, Map.of(ArtifactFormat.VERSION, WEIGHTS));
  }

  /**
   * Reads and verifies an artifact of any format version {@code networkReaders} has a reader for.
   *
   * @param networkReaders by format version, what builds the network from the artifact's entries
   */
  public static LoadedModel read(Path file, String expectedSha256, FeatureSet featureSet,
      Map<Integer, NetworkReader> networkReaders) {
    ArtifactEntries entries = ArtifactEntries.open(file, expectedSha256);
    try {
      ArtifactManifest manifest = ArtifactFormat.JSON.readValue(entries.required(ArtifactFormat.MANIFEST),
          ArtifactManifest.class);
      NetworkReader networkReader = verify(manifest, featureSet, file, networkReaders);
      NeuralFraudModel model = networkReader.read(manifest, entries);
      List<ModelInput> background = ArtifactFormat.JSON.readValue(entries.required(ArtifactFormat.BACKGROUND),
          new TypeReference<List<ModelInput>>() { });
      double[] expected = ArtifactFormat.JSON.readValue(entries.required(ArtifactFormat.EXPECTED_SCORES),
          double[].class);
      return new LoadedModel(manifest, model, background, expected, entries.sha256());
    } catch (IOException | RuntimeException e) {
      if (e instanceof ModelArtifactException artifactException) {
        throw artifactException;
      }
      throw new ModelArtifactException("model artifact " + file + " is unreadable: " + e.getMessage(), e);
    }
  }

  private static NetworkReader verify(ArtifactManifest manifest, FeatureSet featureSet, Path file,
      Map<Integer, NetworkReader> networkReaders) {
    String subject = "model artifact " + file + " (" + manifest.name() + " " + manifest.version() + ")";
    NetworkReader networkReader = networkReaders.get(manifest.formatVersion());
    if (networkReader == null) {
      throw new ModelArtifactException(subject + " has format version " + manifest.formatVersion()
          + "; this reader reads " + new TreeSet<>(networkReaders.keySet())
          + (manifest.formatVersion() == 1 ? " (format 1 holds only a Deeplearning4j network, which the trainer "
          + "reads and the scorer does not: retrain to write format " + ArtifactFormat.VERSION + ")" : ""));
    }
    if (!featureSet.version().equals(manifest.featureSetVersion())) {
      throw new ModelArtifactException(subject + " was trained on feature set " + manifest.featureSetVersion()
          + " but the scorer serves " + featureSet.version());
    }
    checkNames(subject, "static", manifest.staticFeatures(), featureSet.staticNames(), featureSet.version());
    boolean sequence = ModelFamily.of(manifest.family()).usesSequence();
    if (sequence) {
      checkNames(subject, "sequence", manifest.sequenceFeatures(), featureSet.sequenceStepNames(),
          featureSet.version());
    }
    if (!manifest.staticNormaliser().names().equals(manifest.staticFeatures())
        || sequence && (manifest.stepNormaliser() == null
        || !manifest.stepNormaliser().names().equals(manifest.sequenceFeatures()))) {
      throw new ModelArtifactException(subject + " has normalisers that do not follow its own feature names");
    }
    return networkReader;
  }

  private static void checkNames(String subject, String kind, List<String> actual, List<String> expected,
      String featureSet) {
    if (actual.equals(expected)) {
      return;
    }
    int position = 0;
    while (position < Math.min(actual.size(), expected.size()) && actual.get(position).equals(expected.get(position))) {
      position++;
    }
    String difference = position < Math.min(actual.size(), expected.size())
        ? "at position " + position + " it has " + actual.get(position) + " where " + featureSet + " declares "
        + expected.get(position)
        : "it has " + actual.size() + " where " + featureSet + " declares " + expected.size();
    throw new ModelArtifactException(subject + " does not match " + featureSet + "'s " + kind + " features: "
        + difference);
  }
}
