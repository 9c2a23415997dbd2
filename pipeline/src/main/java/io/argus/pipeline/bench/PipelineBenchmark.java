package io.argus.pipeline.bench;

import io.argus.common.GcPauses;
import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import io.argus.kafka.KafkaSettings;
import io.argus.model.registry.ModelRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The end-to-end benchmark of the scoring path: raw JSON on {@code transactions-raw} from a real producer, through
 * the validator, the feature job and the scorer, to a {@code FraudScore} readable by a read-committed consumer. Once a
 * first transaction is scored (the pipeline answers), two phases: <b>latency</b> — raw records offered open loop at a
 * fixed rate, each timed from its send to its score, and per stage ({@link StageLatencies}) by watching
 * {@code transactions} and {@code features} too ({@link PipelineObserver}) — then <b>throughput</b> — a backlog of raw
 * records written at full speed into the pipeline, warm by then, and drained end to end. (Until 2026-12-05 the
 * backlog came first, written before the roles started, so it measured the roles' first half minute: the JIT
 * compilers took a fifth of the CPU while it drained.)
 *
 * <p>The roles either run in this JVM ({@link EmbeddedRoles}), against the given Kafka, or elsewhere (each its own
 * process: this JVM then only produces and watches, and releases the model to {@code model-releases} if given a
 * registry for it).
 */
public final class PipelineBenchmark {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration FIRST_SCORE_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);

  /**
   * @param startRoles start the validator, the feature job and the scorer in this JVM; otherwise they run elsewhere
   * @param model the model the scorer serves ({@link BenchModel#CHOICES})
   * @param registry where the model is installed: a fresh directory when the roles run here; when they run
   *     elsewhere, the registry of the separately started scorer, or {@code null} if its champion is already released
   */
  public record Options(int tps, Duration duration, Duration warmup, int backlog, boolean startRoles, String model,
      Path registry, double alertRate, int customers, long seed, RoleSettings roleSettings) {

    public Options {
      if (tps < 1 || backlog < 0 || duration.isNegative() || duration.isZero() || warmup.isNegative()
          || !(alertRate > 0 && alertRate < 1) || customers < 1) {
        throw new IllegalArgumentException("tps and customers must be at least 1, the duration positive, the backlog "
            + "and the warm-up not negative, the alert rate between 0 and 1; got tps " + tps + ", duration "
            + duration + ", warm-up " + warmup + ", backlog " + backlog + ", alert rate " + alertRate
            + ", customers " + customers);
      }
      if (startRoles && registry == null) {
        throw new IllegalArgumentException("the roles need a registry directory for the model");
      }
    }
  }

  private PipelineBenchmark() {
  }

  /**
   * Runs both phases against the Kafka of {@code kafka}, whose catalogue topics exist; its client properties
   * (security, linger...) go to the benchmark's own producer and consumers and to every client of the roles it starts.
   *
   * @param work where the roles keep their state when they run here
   * @throws TimeoutException when the roles started here are not ready within five minutes (naming each role's
   *     state), or when a first transaction is not scored within two
   */
  public static PipelineBenchResult run(KafkaSettings kafka, Path work, Options options, ProgressListener progress)
      throws Exception {
    String bootstrap = kafka.bootstrap();
    Properties client = kafka.clientProperties();
    String runId = runId(options.seed());
    int warmup = count(options.tps(), options.warmup());
    int latencyCount = warmup + count(options.tps(), options.duration());
    Map<BenchPhase, Observations> phases = new EnumMap<>(BenchPhase.class);
    phases.put(BenchPhase.FIRST, new Observations(1));
    phases.put(BenchPhase.BACKLOG, new Observations(options.backlog()));
    phases.put(BenchPhase.LATENCY, new Observations(latencyCount));
    BenchModel model = options.registry() == null ? null
        : BenchModel.install(options.model(), new ModelRegistry(options.registry()), options.alertRate(),
            options.seed());

    try (PipelineObserver observer = new PipelineObserver(bootstrap, client, runId, phases);
        RawLoad load = new RawLoad(bootstrap, client, runId, options.customers(), options.seed())) {
      observer.start();
      EmbeddedRoles roles = null;
      try {
        long started = System.nanoTime();
        if (options.startRoles()) {
          roles = EmbeddedRoles.start(kafka, work, runId, options.roleSettings(), model);
          roles.awaitReady(READY_TIMEOUT);
        } else if (model != null) {
          model.publish(bootstrap, client);
        }
        awaitFirstScore(load, phases.get(BenchPhase.FIRST), options.startRoles(), progress);
        double readySeconds = (System.nanoTime() - started) / 1e9;

        Observations latency = phases.get(BenchPhase.LATENCY);
        double achieved;
        List<long[]> pauses;
        try (GcPauses gc = new GcPauses()) {
          achieved = load.offer(BenchPhase.LATENCY, latency, options.tps(), progress);
          awaitScores(latency, "awaiting the last scores", QUIET_TIMEOUT, progress);
          pauses = gc.pauses();
        }

        Observations backlog = phases.get(BenchPhase.BACKLOG);
        load.write(BenchPhase.BACKLOG, backlog, "writing the backlog", progress);
        awaitScores(backlog, "draining the backlog", DRAIN_TIMEOUT, progress);
        Drain drain = Drain.of(backlog);
        Map<String, Long> serving = roles == null ? Map.of() : roles.stopFeatureJob(work.resolve("savepoints"));
        Map<String, Object> settings = roles == null ? Map.of() : roles.settings();
        observer.close();
        StageLatencies stages = StageLatencies.of(latency, warmup);
        return new PipelineBenchResult(model == null ? "(served elsewhere)" : model.name(),
            options.startRoles() ? "in this JVM" : "elsewhere (measured only)", options.tps(), achieved,
            options.duration().toMillis() / 1e3, options.warmup().toMillis() / 1e3, drain,
            stages, latencyCount - latency.scored.get(), observer.deadLetters(), serving, settings, readySeconds,
            PauseOverlap.of(latency, warmup, stages.endToEnd().p99(), pauses));
      } finally {
        if (roles != null) {
          roles.close();
        }
      }
    }
  }

  /**
   * Sends one transaction and waits for its score, so that the load meets a pipeline that answers: roles started
   * here are ready by then, but roles elsewhere may still be adopting the model the benchmark just released.
   *
   * @throws TimeoutException when it is not scored within {@link #FIRST_SCORE_TIMEOUT}
   */
  private static void awaitFirstScore(RawLoad load, Observations first, boolean rolesHere, ProgressListener progress)
      throws InterruptedException, TimeoutException {
    load.write(BenchPhase.FIRST, first, "sending a first transaction", ProgressListener.SILENT);
    awaitScores(first, "awaiting a first score", FIRST_SCORE_TIMEOUT, progress);
    if (first.scored.get() == 0) {
      String why = first.deadLettered.get() > 0 ? " (it was dead-lettered)"
          : rolesHere ? " of the roles being ready; their log says why"
          : ": do the validator, the feature job and a scorer serving a model run on this Kafka? (--registry "
              + "releases the benchmark's model to the scorer's registry)";
      throw new TimeoutException("a first transaction was not scored within " + FIRST_SCORE_TIMEOUT.toMinutes()
          + " minutes" + why);
    }
  }

  /**
   * Waits until every transaction of a phase is scored, or until none has been for {@code quiet} (the drain allows
   * {@code quiet} in total).
   */
  private static void awaitScores(Observations seen, String label, Duration quiet, ProgressListener progress)
      throws InterruptedException {
    if (seen.size == 0) {
      return;
    }
    AtomicInteger scored = seen.scored;
    long lastProgress = System.nanoTime();
    int reported = 0;
    try (Progress bar = progress.start(label, seen.size, "scores")) {
      while (scored.get() < seen.size && System.nanoTime() - lastProgress < quiet.toNanos()) {
        Thread.sleep(5);
        int now = scored.get();
        if (now > reported) {
          bar.step(now - reported);
          reported = now;
          if (quiet != DRAIN_TIMEOUT) {
            lastProgress = System.nanoTime();
          }
        }
      }
    }
  }

  private static int count(int tps, Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, tps * duration.toMillis() / 1000);
  }

  /** Letters only: ids must never hold a run of digits that masking would take for a card number. */
  private static String runId(long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ System.nanoTime());
    StringBuilder id = new StringBuilder("pb");
    for (int i = 0; i < 6; i++) {
      id.append((char) ('a' + random.nextInt(26)));
    }
    return id.toString();
  }
}
