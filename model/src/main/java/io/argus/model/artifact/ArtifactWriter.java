package io.argus.model.artifact;

import io.argus.model.ModelInput;
import io.argus.model.network.NeuralFraudModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a model artifact in the current format ({@link ArtifactFormat}), byte for byte the same for the same
 * content (entries in a fixed order, no timestamps). The expected scores are the model's own scores on the
 * background, computed here with the plain-Java forward pass that serves.
 */
public final class ArtifactWriter {

  private static final Set<String> STANDARD_ENTRIES = Set.of(ArtifactFormat.MANIFEST, ArtifactFormat.WEIGHTS,
      ArtifactFormat.WEIGHT_VALUES, ArtifactFormat.BACKGROUND, ArtifactFormat.EXPECTED_SCORES);

  private ArtifactWriter() {
  }

  /** Writes the artifact and returns its SHA-256 (hex). */
  public static String write(Path file, ArtifactManifest manifest, NeuralFraudModel model,
      List<ModelInput> background) {
    return write(file, manifest, model, background, Map.of());
  }

  /**
   * Writes the artifact with entries of the caller's own after the weights (the trainer's {@code network.zip}) and
   * returns its SHA-256 (hex).
   */
  public static String write(Path file, ArtifactManifest manifest, NeuralFraudModel model,
      List<ModelInput> background, Map<String, byte[]> extraEntries) {
    check(manifest, model, background, extraEntries);
    double[] expectedScores = model.copy().score(background);
    try {
      WeightsEntry.Encoded weights = WeightsEntry.write(model);
      Map<String, byte[]> entries = new LinkedHashMap<>();
      entries.put(ArtifactFormat.MANIFEST, ArtifactFormat.JSON.writeValueAsBytes(manifest));
      entries.put(ArtifactFormat.WEIGHTS, weights.index());
      entries.put(ArtifactFormat.WEIGHT_VALUES, weights.values());
      extraEntries.keySet().stream().sorted().forEach(name -> entries.put(name, extraEntries.get(name)));
      entries.put(ArtifactFormat.BACKGROUND, ArtifactFormat.JSON.writeValueAsBytes(background));
      entries.put(ArtifactFormat.EXPECTED_SCORES, ArtifactFormat.JSON.writeValueAsBytes(expectedScores));
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
          ZipEntry zipEntry = new ZipEntry(entry.getKey());
          zipEntry.setTime(0);
          zip.putNextEntry(zipEntry);
          zip.write(entry.getValue());
          zip.closeEntry();
        }
      }
      return ArtifactFormat.sha256(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write model artifact " + file, e);
    }
  }

  private static void check(ArtifactManifest manifest, NeuralFraudModel model, List<ModelInput> background,
      Map<String, byte[]> extraEntries) {
    if (manifest.formatVersion() != ArtifactFormat.VERSION) {
      throw new IllegalArgumentException("this Argus writes format " + ArtifactFormat.VERSION + ", the manifest says "
          + manifest.formatVersion());
    }
    if (manifest.backgroundSize() != background.size()) {
      throw new IllegalArgumentException("manifest says " + manifest.backgroundSize() + " background rows, got "
          + background.size());
    }
    if (!manifest.family().equals(model.family()) || !manifest.staticNormaliser().equals(model.staticNormaliser())
        || !Objects.equals(manifest.stepNormaliser(), model.stepNormaliser())) {
      throw new IllegalArgumentException("the manifest of " + manifest.name() + " " + manifest.version()
          + " does not describe the model written with it (family or normalisers differ)");
    }
    for (String name : extraEntries.keySet()) {
      if (STANDARD_ENTRIES.contains(name)) {
        throw new IllegalArgumentException("entry " + name + " is written by the artifact writer itself");
      }
    }
  }
}
