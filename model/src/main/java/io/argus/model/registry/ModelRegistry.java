package io.argus.model.registry;

import io.argus.model.artifact.ModelArtifactException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory of model versions and the current champion of each model name:
 * {@code <root>/<name>/<version>/model.zip} with its SHA-256 beside it in {@code model.zip.sha256}, and
 * {@code <root>/<name>/CHAMPION} holding the champion's version (replaced atomically on promotion). Versions are
 * never overwritten. The layout is the contract between the trainer, which writes and promotes, and the scorer, which
 * finds a release's artifact in it; reading an artifact is the reader's job ({@code ArtifactReader} in serving, the
 * trainer's {@code ModelArtifact} for every format).
 */
public final class ModelRegistry {

  private static final String ARTIFACT = "model.zip";
  private static final String CHAMPION = "CHAMPION";

  private final Path root;

  public ModelRegistry(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Where a version's artifact is written before {@link #register}. */
  public Path artifactPath(String name, String version) {
    return versionDirectory(name, version).resolve(ARTIFACT);
  }

  /** A version's own directory (its artifact, and the training report). */
  public Path versionDirectory(String name, String version) {
    return root.resolve(checked(name)).resolve(checked(version));
  }

  /** Records a written artifact and its SHA-256 as a version of the model. */
  public RegisteredModel register(String name, String version, String sha256) {
    Path artifact = artifactPath(name, version);
    if (!Files.isRegularFile(artifact)) {
      throw new IllegalArgumentException("no artifact at " + artifact + " to register");
    }
    Path checksum = artifact.resolveSibling(ARTIFACT + ".sha256");
    if (Files.exists(checksum)) {
      throw new IllegalArgumentException(name + " version " + version + " is already registered");
    }
    write(checksum, sha256);
    return new RegisteredModel(name, version, artifact, sha256);
  }

  /** The registered versions of a model, oldest first. */
  public List<RegisteredModel> versions(String name) {
    Path directory = root.resolve(checked(name));
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<RegisteredModel> versions = new ArrayList<>();
    try (Stream<Path> children = Files.list(directory)) {
      for (Path child : children.sorted().toList()) {
        if (Files.isRegularFile(child.resolve(ARTIFACT + ".sha256"))) {
          versions.add(version(name, child.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + directory, e);
    }
    return versions;
  }

  public Optional<RegisteredModel> champion(String name) {
    Path pointer = root.resolve(checked(name)).resolve(CHAMPION);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    return Optional.of(version(name, read(pointer)));
  }

  /** Makes a registered version the champion of its name. */
  public void promote(RegisteredModel model) {
    Path pointer = root.resolve(checked(model.name())).resolve(CHAMPION);
    Path temporary = pointer.resolveSibling(CHAMPION + ".tmp");
    write(temporary, model.version());
    try {
      Files.move(temporary, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not promote " + model.name() + " " + model.version(), e);
    }
  }

  private RegisteredModel version(String name, String version) {
    Path artifact = artifactPath(name, version);
    Path checksum = artifact.resolveSibling(ARTIFACT + ".sha256");
    if (!Files.isRegularFile(checksum)) {
      throw new ModelArtifactException(name + " version " + version + " is not registered in " + root);
    }
    return new RegisteredModel(name, version, artifact, read(checksum));
  }

  private static String checked(String part) {
    if (part == null || !part.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("registry names and versions are letters, digits, '.', '_' and '-', got "
          + part);
    }
    return part;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
