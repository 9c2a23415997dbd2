package io.argus.pipeline.runtime;

import io.argus.features.job.FeatureJob;
import io.argus.features.job.FeatureJobConfig;
import io.argus.features.job.FeatureKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fraud_v1 feature job on a Flink MiniCluster in this JVM, live from Kafka into {@code features}, the offline
 * store (with its serving skew) and the dead letters, with the job's default time settings but a longer allowed
 * lateness: while the history plays, event time runs thousands of times faster than the clock, so a pause of a second
 * in one partition of {@code transactions} (a commit, a collection) puts its next records hours of event time behind
 * the others', and the default minute would keep them out of the offline store (served, but dead-lettered as late).
 * It stops with a savepoint, so nothing is featured twice or lost, and a demo started again restores the newest
 * savepoint or retained checkpoint: every card's history goes on where it was.
 */
final class EmbeddedFeatureJob implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFeatureJob.class);
  private static final String GROUP_ID = "argus-demo-features";
  private static final String METADATA = "_metadata";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  /** Covers a pause of ten seconds or so at the default rate (a simulated day passes in under a minute). */
  private static final String ALLOWED_LATENESS = "6h";

  private final JobClient job;
  private final Path savepoints;

  private EmbeddedFeatureJob(JobClient job, Path savepoints) {
    this.job = job;
    this.savepoints = savepoints;
  }

  /** Submits the job; it runs until {@link #close()}. */
  static EmbeddedFeatureJob start(String bootstrap, DemoDirectory directory) throws Exception {
    FeatureJobConfig config = FeatureJobConfig.from(Map.of(
        FeatureJobConfig.Key.CHECKPOINT_DIR.property(), uri(directory.checkpoints()),
        FeatureJobConfig.Key.PARALLELISM.property(), "1",
        FeatureJobConfig.Key.ALLOWED_LATENESS.property(), ALLOWED_LATENESS));
    Configuration flink = new Configuration();
    Optional<Path> restore = newestSnapshot(directory.savepoints(), directory.checkpoints());
    restore.ifPresent(snapshot -> flink.set(StateRecoveryOptions.SAVEPOINT_PATH, uri(snapshot)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FeatureJob.config(flink, config));
    FeatureKafka.Wiring kafka = FeatureKafka.wiring(bootstrap, GROUP_ID, uri(directory.offlineStore()));
    FeatureJob.build(env, kafka.sources(), kafka.sinks(), config);
    JobClient job = env.executeAsync("argus demo features");
    LOG.info("Feature job {} submitted{}", job.getJobID(),
        restore.map(snapshot -> ", restoring " + snapshot).orElse(""));
    return new EmbeddedFeatureJob(job, directory.savepoints());
  }

  /** Stops the job with a savepoint (cancels it if that fails: its last checkpoint is retained). */
  @Override
  public void close() {
    try {
      String savepoint = job.stopWithSavepoint(false, uri(savepoints), SavepointFormatType.CANONICAL)
          .get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      LOG.info("Feature job stopped with savepoint {}", savepoint);
    } catch (Exception e) {
      LOG.warn("Feature job could not stop with a savepoint ({}); cancelling it, its last checkpoint stays",
          e.getMessage());
      job.cancel();
    }
  }

  /** The newest completed savepoint or checkpoint (a directory holding {@value #METADATA}). */
  static Optional<Path> newestSnapshot(Path... roots) {
    Optional<Path> newest = Optional.empty();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root, 3)) {
        Optional<Path> found = files.filter(file -> file.getFileName().toString().equals(METADATA))
            .max(Comparator.comparing(EmbeddedFeatureJob::modified));
        if (found.isPresent() && (newest.isEmpty() || modified(found.get()) > modified(newest.get()))) {
          newest = found;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot look for Flink snapshots under " + root, e);
      }
    }
    return newest.map(Path::getParent);
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String uri(Path path) {
    return path.toAbsolutePath().toUri().toString();
  }
}
