package io.argus.trainer.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The small trained artifact of format 1 committed in test resources ({@code fixture-lstm.zip} and its SHA-256):
 * proof that an artifact written by an earlier build still loads. It is frozen: this trainer writes format 2, so it
 * cannot be regenerated, which is the point. (The format-2 fixture lives in the model module; its generator is
 * {@link FixtureArtifactGenerator}.)
 */
final class FixtureArtifact {

  static final String RESOURCE = "/io/argus/trainer/artifact/fixture-lstm.zip";
  static final Path SOURCE = Paths.get("src/test/resources/io/argus/trainer/artifact/fixture-lstm.zip");

  private FixtureArtifact() {
  }

  static Path file() {
    try {
      return Paths.get(FixtureArtifact.class.getResource(RESOURCE).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256() {
    try (InputStream in = FixtureArtifact.class.getResourceAsStream(RESOURCE + ".sha256")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
