package io.argus.pipeline.drill;

import io.argus.pipeline.cli.ArgusCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runnable jar and its {@code lib/} directory ({@code pipeline/target/argus.jar} and {@code pipeline/target/lib}):
 * the classpath every Argus process of a drill runs with, and, without Argus's own jars and what the feature-job jar
 * carries, the classpath of the Flink processes, standing in for a Flink distribution's {@code lib/}.
 */
public record ArgusInstallation(Path jar, Path lib) {

  /** Prefixes of the jars a Flink process does not get (see {@link #flinkClasspath()}). */
  static final List<String> NOT_FOR_FLINK = List.of("argus-", "flink-connector-kafka-", "kafka", "avro-");

  public ArgusInstallation {
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      throw new IllegalArgumentException("no runnable Argus jar at " + jar + " with its lib/ beside it; build it with "
          + "mvn -B -DskipTests package (./argus does on first use)");
    }
  }

  /**
   * The jar this code runs from ({@code argus.jar} with {@code lib/} beside it), or, when it runs from
   * {@code target/classes} (a test), the jar packaged beside them.
   */
  public static Optional<ArgusInstallation> running() {
    try {
      Path location = Path.of(ArgusCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path jar = Files.isDirectory(location) ? location.resolveSibling("argus.jar") : location;
      if (Files.isRegularFile(jar) && Files.isDirectory(jar.resolveSibling("lib"))) {
        return Optional.of(new ArgusInstallation(jar, jar.resolveSibling("lib")));
      }
      return Optional.empty();
    } catch (URISyntaxException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** {@code pipeline/target/argus.jar} under a source tree. */
  public static ArgusInstallation inSourceTree(Path root) {
    Path target = root.resolve("pipeline").resolve("target");
    return new ArgusInstallation(target.resolve("argus.jar"), target.resolve("lib"));
  }

  /** The source tree the jar was built in ({@code pipeline/target/argus.jar} → the root), if it is one. */
  public Optional<Path> sourceTree() {
    Path target = jar.toAbsolutePath().getParent();
    if (target == null || target.getParent() == null || target.getParent().getParent() == null) {
      return Optional.empty();
    }
    Path root = target.getParent().getParent();
    return Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("feature-store"))
        ? Optional.of(root) : Optional.empty();
  }

  /** The jar and every jar of {@code lib/}: what each Argus role runs with. */
  public List<Path> argusClasspath() {
    List<Path> classpath = new ArrayList<>();
    classpath.add(jar.toAbsolutePath());
    classpath.addAll(libJars());
    return classpath;
  }

  /**
   * The jars of {@code lib/} that a Flink distribution's {@code lib/} would hold: Flink's runtime, client, state
   * backends, connector base and file connector with their dependencies. Not Argus's own jars, and not what the
   * feature-job jar brings itself (the Kafka connector, the Kafka clients, Avro): Flink loads org.apache.flink
   * classes parent-first, so a Kafka connector on the cluster's classpath would link against the cluster's Kafka
   * clients while the job's classes use the job jar's, and the two meet in one method signature
   * ({@code LinkageError}). The broker jars go with the Kafka clients.
   */
  public List<Path> flinkClasspath() {
    return libJars().stream()
        .filter(path -> NOT_FOR_FLINK.stream().noneMatch(prefix -> path.getFileName().toString().startsWith(prefix)))
        .toList();
  }

  private List<Path> libJars() {
    try (Stream<Path> files = Files.list(lib)) {
      return files.filter(path -> path.getFileName().toString().endsWith(".jar")).map(Path::toAbsolutePath).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + lib, e);
    }
  }
}
