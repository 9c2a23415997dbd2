package io.argus.model.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The entries of one artifact file, read into memory once its SHA-256 has been checked against the expected one: what
 * a {@link NetworkReader} builds a network from.
 */
public final class ArtifactEntries {

  private final Path file;
  private final String sha256;
  private final Map<String, byte[]> entries;

  private ArtifactEntries(Path file, String sha256, Map<String, byte[]> entries) {
    this.file = file;
    this.sha256 = sha256;
    this.entries = entries;
  }

  /**
   * Opens an artifact.
   *
   * @throws ModelArtifactException when the file is missing, is not the one expected (SHA-256) or is not a zip
   */
  public static ArtifactEntries open(Path file, String expectedSha256) {
    if (!Files.isRegularFile(file)) {
      throw new ModelArtifactException("model artifact " + file + " does not exist");
    }
    String sha256 = ArtifactFormat.sha256(file);
    if (!sha256.equalsIgnoreCase(expectedSha256)) {
      throw new ModelArtifactException("model artifact " + file + " has SHA-256 " + sha256 + " but " + expectedSha256
          + " was expected: the file is corrupt or not the released one");
    }
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        entries.put(entry.getName(), zip.readAllBytes());
      }
    } catch (IOException e) {
      throw new ModelArtifactException("model artifact " + file + " is not a readable zip: " + e.getMessage(), e);
    }
    return new ArtifactEntries(file, sha256, entries);
  }

  public Path file() {
    return file;
  }

  /** The file's SHA-256, lower-case hex. */
  public String sha256() {
    return sha256;
  }

  /** The bytes of entry {@code name}; a {@link ModelArtifactException} names the missing entry. */
  public byte[] required(String name) {
    return optional(name).orElseThrow(() -> new ModelArtifactException("model artifact " + file + " has no "
        + name));
  }

  public Optional<byte[]> optional(String name) {
    return Optional.ofNullable(entries.get(name));
  }
}
