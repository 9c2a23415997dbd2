package io.argus.trainer.artifact;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.SequenceLayout;
import io.argus.trainer.training.NetworkConversion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The model artifact: one zip, versioned and self-describing, never Java serialization. Entries:
 * {@code manifest.json} ({@link ArtifactManifest}), {@code network.zip} (the trained Deeplearning4j network in its
 * own {@code ModelSerializer} format: JSON configuration plus binary parameters), {@code background.json} (the SHAP
 * background sample: raw {@link ModelInput}s from the training window) and {@code expected-scores.json} (the model's
 * scores on that sample). The file's SHA-256 identifies it in the registry and in {@code ModelRelease}.
 *
 * <p>Reading verifies, in order: the SHA-256 against the expected one, the format version, the feature-set
 * version and the static and sequence feature names against the serving feature set; any mismatch is a
 * {@link ModelArtifactException} that names it. The scorer then scores the background and compares with the
 * expected scores ({@link LoadedModel#maximumDeviationFromExpected()}).
 */
public final class ModelArtifact {

  public static final int FORMAT_VERSION = 1;
  static final String MANIFEST = "manifest.json";
  static final String NETWORK = "network.zip";
  static final String BACKGROUND = "background.json";
  static final String EXPECTED_SCORES = "expected-scores.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ModelArtifact() {
  }

  /**
   * Writes the artifact and returns its SHA-256 (hex). The expected scores are the model's own scores on the
   * background, computed here with the plain-Java forward pass that serves.
   */
  public static String write(Path file, ArtifactManifest manifest, ComputationGraph network, NeuralFraudModel model,
      List<ModelInput> background) {
    if (manifest.backgroundSize() != background.size()) {
      throw new IllegalArgumentException("manifest says " + manifest.backgroundSize() + " background rows, got "
          + background.size());
    }
    double[] expectedScores = model.copy().score(background);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
        entry(zip, MANIFEST, JSON.writeValueAsBytes(manifest));
        ByteArrayOutputStream networkBytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, networkBytes, false);
        entry(zip, NETWORK, networkBytes.toByteArray());
        entry(zip, BACKGROUND, JSON.writeValueAsBytes(background));
        entry(zip, EXPECTED_SCORES, JSON.writeValueAsBytes(expectedScores));
      }
      return sha256(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write model artifact " + file, e);
    }
  }

  /** Reads and verifies an artifact against fraud_v1; see the class description. */
  public static LoadedModel read(Path file, String expectedSha256) {
    return read(file, expectedSha256, FraudV1.FEATURE_SET);
  }

  /** Reads and verifies an artifact against the given serving feature set. */
  public static LoadedModel read(Path file, String expectedSha256, FeatureSet featureSet) {
    if (!Files.isRegularFile(file)) {
      throw new ModelArtifactException("model artifact " + file + " does not exist");
    }
    String sha256 = sha256(file);
    if (!sha256.equalsIgnoreCase(expectedSha256)) {
      throw new ModelArtifactException("model artifact " + file + " has SHA-256 " + sha256 + " but " + expectedSha256
          + " was expected: the file is corrupt or not the released one");
    }
    Map<String, byte[]> entries = entries(file);
    try {
      ArtifactManifest manifest = JSON.readValue(required(entries, MANIFEST, file), ArtifactManifest.class);
      verify(manifest, featureSet, file);
      ComputationGraph network = ModelSerializer.restoreComputationGraph(
          new ByteArrayInputStream(required(entries, NETWORK, file)), false);
      ModelFamily family = ModelFamily.of(manifest.family());
      SequenceLayout layout = family.usesSequence()
          ? new SequenceLayout(manifest.sequenceLength(), manifest.sequenceFeatures().size()) : null;
      NeuralFraudModel model = NetworkConversion.toModel(network, family, manifest.staticNormaliser(),
          manifest.stepNormaliser(), layout);
      List<ModelInput> background = JSON.readValue(required(entries, BACKGROUND, file),
          new TypeReference<List<ModelInput>>() { });
      double[] expected = JSON.readValue(required(entries, EXPECTED_SCORES, file), double[].class);
      return new LoadedModel(manifest, model, background, expected, sha256);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ModelArtifactException artifactException) {
        throw artifactException;
      }
      throw new ModelArtifactException("model artifact " + file + " is unreadable: " + e.getMessage(), e);
    }
  }

  /** The SHA-256 of a file, lower-case hex. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  private static void verify(ArtifactManifest manifest, FeatureSet featureSet, Path file) {
    String subject = "model artifact " + file + " (" + manifest.name() + " " + manifest.version() + ")";
    if (manifest.formatVersion() != FORMAT_VERSION) {
      throw new ModelArtifactException(subject + " has format version " + manifest.formatVersion()
          + "; this Argus reads version " + FORMAT_VERSION);
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

  private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(0);
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static Map<String, byte[]> entries(Path file) {
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        entries.put(entry.getName(), zip.readAllBytes());
      }
    } catch (IOException e) {
      throw new ModelArtifactException("model artifact " + file + " is not a readable zip: " + e.getMessage(), e);
    }
    return entries;
  }

  private static byte[] required(Map<String, byte[]> entries, String name, Path file) {
    byte[] bytes = entries.get(name);
    if (bytes == null) {
      throw new ModelArtifactException("model artifact " + file + " has no " + name);
    }
    return bytes;
  }
}
