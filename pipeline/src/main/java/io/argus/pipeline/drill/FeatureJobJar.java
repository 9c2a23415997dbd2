package io.argus.pipeline.drill;

import io.argus.pipeline.cli.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The shaded feature-job jar the drill submits to its Flink session cluster, as {@code flink run} would: the one
 * given, or {@code feature-store/target/argus-feature-job.jar} of the source tree the Argus jar was built in, built
 * there with Maven when it is missing or older than the Argus jar.
 *
 * @param jar the job jar
 * @param how where it came from, for the drill's output
 */
public record FeatureJobJar(Path jar, String how) {

  static final String RELATIVE_PATH = "feature-store/target/argus-feature-job.jar";
  static final List<String> BUILD = List.of("mvn", "-B", "-q", "-DskipTests", "-Dmaven.test.skip=true",
      "-Pfeature-job-jar", "-pl", "feature-store", "-am", "package");

  /**
   * The job jar to submit.
   *
   * @param given the jar the user named, or null
   * @param buildLog where Maven's output goes when the jar is built
   * @throws UserException when the given jar is missing, or there is none and no source tree to build it in
   */
  static FeatureJobJar locate(Path given, ArgusInstallation installation, Path buildLog, PrintWriter out)
      throws IOException, InterruptedException {
    if (given != null) {
      if (!Files.isRegularFile(given)) {
        throw new UserException("--job-jar " + given + ": no such file; build it with mvn -B -DskipTests "
            + "-Pfeature-job-jar -pl feature-store -am package");
      }
      return new FeatureJobJar(given.toAbsolutePath(), "given with --job-jar");
    }
    Path root = installation.sourceTree().orElseThrow(() -> new UserException("no feature-job jar: give one with "
        + "--job-jar (mvn -B -DskipTests -Pfeature-job-jar -pl feature-store -am package builds "
        + RELATIVE_PATH + ")"));
    Path jar = root.resolve(RELATIVE_PATH);
    if (Files.isRegularFile(jar)
        && !Files.getLastModifiedTime(jar).toInstant().isBefore(Files.getLastModifiedTime(installation.jar()).toInstant())) {
      return new FeatureJobJar(jar, "found at " + RELATIVE_PATH);
    }
    String reason = Files.isRegularFile(jar) ? "older than the Argus jar" : "missing";
    out.printf("feature job jar %s (%s): building it with %s%n", RELATIVE_PATH, reason, String.join(" ", BUILD));
    out.flush();
    long started = System.nanoTime();
    Files.createDirectories(buildLog.getParent());
    Process build;
    try {
      build = new ProcessBuilder(BUILD).directory(root.toFile()).redirectErrorStream(true)
          .redirectOutput(Redirect.to(buildLog.toFile())).start();
    } catch (IOException e) {
      throw new UserException("cannot run mvn to build the feature-job jar (" + e.getMessage() + "); build it with "
          + String.join(" ", BUILD) + " or give one with --job-jar");
    }
    if (build.waitFor() != 0 || !Files.isRegularFile(jar)) {
      throw new UserException("building the feature-job jar failed; see " + buildLog);
    }
    return new FeatureJobJar(jar, String.format(Locale.ROOT, "built with %s in %.0f s", String.join(" ", BUILD),
        (System.nanoTime() - started) / 1e9));
  }
}
