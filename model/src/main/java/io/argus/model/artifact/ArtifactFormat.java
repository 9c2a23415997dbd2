package io.argus.model.artifact;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The model artifact's layout: one zip, versioned and self-describing, never Java serialization. Format 2 holds
 * {@code manifest.json} ({@link ArtifactManifest}), the network's weights as {@code weights.json} (layers, tensor
 * names and shapes) with {@code weights.bin} (their values: float64, little-endian, row-major, back to back; see
 * model/README.md), {@code background.json} (the SHAP background sample: raw inputs from the training window) and
 * {@code expected-scores.json} (the model's scores on that sample). Writers may add entries of their own (the trainer
 * adds {@code network.zip}, its Deeplearning4j network); readers ignore entries they do not know. Format 1 had no
 * weights entries, only {@code network.zip}: reading it needs Deeplearning4j (the trainer's reader).
 */
public final class ArtifactFormat {

  /** The format this Argus writes. */
  public static final int VERSION = 2;
  public static final String MANIFEST = "manifest.json";
  public static final String WEIGHTS = "weights.json";
  public static final String WEIGHT_VALUES = "weights.bin";
  public static final String BACKGROUND = "background.json";
  public static final String EXPECTED_SCORES = "expected-scores.json";

  /** The artifact's JSON: indented, and lenient about fields a later version adds. */
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ArtifactFormat() {
  }

  /** The SHA-256 of a file, lower-case hex: what identifies an artifact in the registry and in a release. */
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
}
