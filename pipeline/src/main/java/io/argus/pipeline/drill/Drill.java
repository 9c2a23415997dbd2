package io.argus.pipeline.drill;

import io.argus.common.Durations;
import io.argus.features.job.FeatureJobMain;
import io.argus.model.registry.ModelRegistry;
import io.argus.pipeline.cli.UserException;
import io.argus.pipeline.process.ManagedProcess;
import io.argus.pipeline.runtime.DemoModel;
import io.argus.pipeline.runtime.DemoTopics;
import io.argus.schemas.Topics;
import io.argus.trainer.registry.KafkaReleaseSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;

/**
 * One drill: the pipeline started as separate processes of the same jar — three Kafka nodes, a Flink session cluster
 * (a JobManager and two TaskManagers) running the feature job from its shaded jar, the validator and scorer
 * instances, the forecaster and the dashboard — raw transactions flowing at a steady rate, one process of each kind
 * killed with {@code SIGKILL} and restarted at once, then every record reconciled ({@link Reconciliation}) and each
 * kill's stall measured on the scores ({@link Stalls}). {@link #close()} stops whatever still runs.
 */
public final class Drill implements AutoCloseable {

  private static final String MARKER = "argus-drill.properties";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration FIRST_SCORE_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration BASELINE = Duration.ofSeconds(20);
  /** The pipeline has caught up when every partition's latest score is of a transaction sent this recently. */
  private static final Duration CAUGHT_UP = Duration.ofSeconds(2);
  private static final Duration CAUGHT_UP_FOR = Duration.ofSeconds(5);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_GRACE = Duration.ofSeconds(40);
  private static final Duration WARM_UP = Duration.ofSeconds(10);

  private final DrillConfig config;
  private final ArgusInstallation installation;
  private final PrintWriter out;
  private final long started = System.nanoTime();
  /** What runs in this JVM (the traffic, the reader of scores); the processes are {@link #processes}'. */
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final FreePorts ports = new FreePorts();
  private DrillProcesses processes;
  private KafkaNodes kafka;
  private FlinkSessionCluster flink;
  private JobID job;
  private final List<ManagedProcess> validators = new ArrayList<>();
  /** The processes that exited without being killed, in the order the drill found them. */
  private final List<String> unplannedExits = new ArrayList<>();
  private final List<Roles.Scorer> scorers = new ArrayList<>();
  private ScoreTimeline timeline;
  private RawTraffic traffic;
  private Path tokenKeyFile;
  private boolean caughtUp;

  private Drill(DrillConfig config, ArgusInstallation installation, PrintWriter out) {
    this.config = config;
    this.installation = installation;
    this.out = out;
  }

  /** Prepares a drill; {@link #run()} runs it. */
  public static Drill prepare(DrillConfig config, ArgusInstallation installation, PrintWriter out) {
    return new Drill(config, installation, out);
  }

  /** Runs the drill to its end and reports it; the processes are stopped by {@link #close()}. */
  public DrillResult run() throws Exception {
    Path workDirectory = prepareWorkDirectory(config.workDirectory());
    say("work directory %s (each process logs to logs/NAME.log there)", workDirectory);
    FeatureJobJar jobJar = FeatureJobJar.locate(config.jobJar(), installation,
        workDirectory.resolve("logs").resolve("feature-job-build.log"), out);
    say("feature job jar %s: %s", jobJar.jar(), jobJar.how());
    processes = new DrillProcesses(installation, workDirectory);

    startKafkaAndFlink();
    submitFeatureJob(jobJar);
    startRoles(workDirectory);

    timeline = ScoreTimeline.start(kafka.bootstrap());
    running.push(timeline);
    traffic = RawTraffic.start(kafka.bootstrap(), config.transactionsPerSecond(), tokenKeyFile, config.seed());
    running.push(traffic);
    long trafficStarted = System.nanoTime();
    long firstScore = awaitFirstScore(trafficStarted);
    say("traffic: %.0f raw transactions a second on transactions-raw; first score after %s", 
        config.transactionsPerSecond(), seconds(firstScore - trafficStarted));

    // Without kills (a throughput measurement, perhaps above what the machine keeps up with) the flow is measured
    // from a short warm-up on; with kills, from the moment the pipeline has caught up.
    long steady = config.kills().isEmpty() ? firstScore + WARM_UP.toNanos() : awaitCaughtUp(CATCH_UP_TIMEOUT);
    sleepUntil(steady);
    long featuresAtSteady = flink.transactionsAdmitted(job);
    int restoresAtSteady = flink.checkpoints(job).restored();
    if (caughtUp && !config.kills().isEmpty()) {
      say("caught up after %s: every partition's latest score is of a transaction sent less than %s ago",
          seconds(steady - firstScore), seconds(CAUGHT_UP.toNanos()));
    }

    List<KillResult> kills = new ArrayList<>();
    List<Long> killedAt = new ArrayList<>();
    long spacing = config.killSpacing().toNanos();
    long next = steady + spacing;
    // Before each kill, the flow should be steady again; on a machine that never kept up, waiting as long as at the
    // start for each kill would only stretch the drill: then each kill waits at most one spacing.
    Duration beforeKill = caughtUp ? CATCH_UP_TIMEOUT : config.killSpacing();
    for (KillTarget target : config.kills()) {
      sleepUntil(next);
      restartExited(trafficStarted);
      awaitCaughtUp(beforeKill);
      killedAt.add(System.nanoTime());
      kills.add(kill(kills.size() + 1, target, trafficStarted));
      next = Math.max(next + spacing, System.nanoTime() + DrillConfig.MIN_KILL_SPACING.toNanos());
    }
    sleepUntil(Math.max(next, steady + config.duration().toNanos()));
    restartExited(trafficStarted);
    long trafficEnded = System.nanoTime();
    long featuresAtEnd = flink.transactionsAdmitted(job);
    // The job's record counters start from zero again after a restore: its rate is then not known.
    long featured = flink.checkpoints(job).restored() == restoresAtSteady ? featuresAtEnd - featuresAtSteady
        : Throughput.UNKNOWN;
    traffic.close();
    say("traffic stopped after %s: %,d raw records sent, %,d acknowledged, %,d refused", seconds(trafficEnded
        - trafficStarted), traffic.sends(), traffic.acknowledged().size(), traffic.failures());

    Reconciliation reconciliation = new Settlement(kafka.bootstrap(), workDirectory.resolve("offline"), timeline, out)
        .settle(DRAIN_TIMEOUT);
    List<KillResult> measured = measure(kills, killedAt, trafficEnded);
    long baselineStart = Math.max(firstScore, (killedAt.isEmpty() ? trafficEnded : killedAt.get(0))
        - BASELINE.toNanos());
    long baselineEnd = killedAt.isEmpty() ? trafficEnded : killedAt.get(0);
    Duration baselineGap = Stalls.longestGap(timeline.arrivalsByPartition(), baselineStart, baselineEnd);
    Duration baselineLatency = maxLatency(baselineStart, baselineEnd);
    Throughput throughput = Throughput.of(traffic.acknowledged().stream().mapToLong(RawTraffic.Sent::sentNanos)
        .toArray(), timeline.arrivalsByPartition(), featured, steady, trafficEnded);
    return new DrillResult(config, measured, baselineGap, baselineLatency, reconciliation, traffic.sends(),
        traffic.failures(), Duration.ofNanos(firstScore - started), jobJar.how(), throughput, unplannedExits);
  }

  private void startKafkaAndFlink() throws Exception {
    long kafkaStarted = System.nanoTime();
    List<KafkaNodes.NodeCommand> nodes = KafkaNodes.commands(DrillConfig.KAFKA_NODES, processes, ports,
        config.brokerOverrides());
    CompletableFuture<KafkaNodes> starting = CompletableFuture.supplyAsync(() -> {
      try {
        return KafkaNodes.start(nodes, processes);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting Kafka", e);
      }
    });
    Map<String, String> settings = FlinkSessionCluster.settings(processes.workDir().resolve("flink"), ports.next(),
        ports.next(), DrillConfig.SLOTS_PER_TASK_MANAGER, config.flinkOverrides());
    try {
      flink = FlinkSessionCluster.start(processes, settings);
    } finally {
      kafka = join(starting);
    }
    say("Kafka: %d KRaft nodes (broker and controller each), replication 3, min.insync.replicas 2, ready after %s; "
        + "bootstrap=%s", DrillConfig.KAFKA_NODES, seconds(System.nanoTime() - kafkaStarted), kafka.bootstrap());
    // Append time, as the demo's: the traffic's event time is weeks old, and the feature job stamps its records with it;
    // with create time, retention would delete features and scores minutes after they were written.
    List<String> created = DemoTopics.create(kafka.bootstrap(), (short) 3);
    say("topics: %d created with replication 3, timestamps of broker append time", created.size());
    for (int i = 0; i < DrillConfig.TASK_MANAGERS; i++) {
      flink.startTaskManager();
    }
    for (ManagedProcess taskManager : flink.taskManagers()) {
      taskManager.awaitReady(READY_TIMEOUT);
    }
    say("Flink session cluster: a JobManager and %d TaskManagers of %d slots, REST %s, ready after %s",
        DrillConfig.TASK_MANAGERS, DrillConfig.SLOTS_PER_TASK_MANAGER, flink.rest(), seconds(System.nanoTime()
            - kafkaStarted));
  }

  private void submitFeatureJob(FeatureJobJar jobJar) throws Exception {
    Path checkpoints = processes.workDir().resolve("flink").resolve("checkpoints");
    Path offline = processes.workDir().resolve("offline");
    List<String> arguments = List.of("--bootstrap", kafka.bootstrap(), "--offline-dir", offline.toUri().toString(),
        "--checkpoint-dir", checkpoints.toUri().toString(), "--parallelism", Integer.toString(config.parallelism()),
        "--allowed-lateness", Durations.format(allowedLateness(config.transactionsPerSecond())));
    job = flink.submit(jobJar.jar(), FeatureJobMain.class.getName(), arguments, config.parallelism());
    say("feature job %s submitted over REST (RestClusterClient) at parallelism %d, checkpoints to %s", job,
        config.parallelism(), checkpoints);
  }

  /**
   * The feature job's allowed lateness: the event time a minute of traffic covers (at least the demo's six hours).
   * Event time runs faster than the clock, so a partition that stalls for seconds falls hours of event time behind
   * the others; within this bound its transactions are still applied and stored exactly.
   */
  static Duration allowedLateness(double transactionsPerSecond) {
    Duration minute = RawTraffic.eventTimePerSecond(transactionsPerSecond).multipliedBy(60);
    Duration lateness = minute.compareTo(Duration.ofHours(6)) > 0 ? minute : Duration.ofHours(6);
    return Duration.ofMinutes(lateness.toMinutes());
  }

  private void startRoles(Path workDirectory) throws Exception {
    tokenKeyFile = tokenKey(workDirectory.resolve("token.key"));
    Path registry = Files.createDirectories(workDirectory.resolve("registry"));
    try (KafkaReleaseSink releases = new KafkaReleaseSink(kafka.bootstrap())) {
      DemoModel.installIfNoChampion(new ModelRegistry(registry), Instant.now()).ifPresent(releases::release);
    }
    Roles roles = new Roles(processes, ports, kafka.bootstrap(), config.streamsOverrides());
    long rolesStarted = System.nanoTime();
    for (int number = 1; number <= config.validators(); number++) {
      validators.add(roles.validator(number, tokenKeyFile));
    }
    for (int number = 1; number <= config.scorers(); number++) {
      Roles.Scorer scorer = roles.scorer(number, registry);
      scorers.add(scorer);
    }
    for (ManagedProcess validator : validators) {
      validator.awaitReady(READY_TIMEOUT);
    }
    for (Roles.Scorer scorer : scorers) {
      scorer.process().awaitReady(READY_TIMEOUT);
    }
    // The readers start once the Streams instances run: on two cores, every JVM starting at once slows all of them.
    ManagedProcess forecaster = roles.forecaster();
    ManagedProcess dashboard = roles.dashboard(scorers.get(0).url());
    forecaster.awaitReady(READY_TIMEOUT);
    dashboard.awaitReady(READY_TIMEOUT);
    flink.awaitRunning(job, READY_TIMEOUT);
    say("roles: %d validator and %d scorer instances, forecaster, dashboard ready after %s; feature job running",
        config.validators(), config.scorers(), seconds(System.nanoTime() - rolesStarted));
  }

  private long awaitFirstScore(long trafficStarted) throws InterruptedException {
    long deadline = trafficStarted + FIRST_SCORE_TIMEOUT.toNanos();
    while (timeline.scores() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no score within " + FIRST_SCORE_TIMEOUT.toSeconds() + " s of the traffic's "
            + "start; see the logs in " + processes.workDir().resolve("logs"));
      }
      if (timeline.failure() != null) {
        throw new IllegalStateException("reading fraud-scores failed: " + timeline.failure().getMessage(),
            timeline.failure());
      }
      Thread.sleep(50);
    }
    return System.nanoTime();
  }

  /**
   * Waits until the pipeline has kept up with the traffic for a few seconds, so that each kill starts from a steady
   * flow and its stall is its own; a machine too slow for the rate never catches up, which is said, and the drill
   * goes on.
   *
   * @return when it had caught up (or gave up); {@link #caughtUp} says which
   */
  private long awaitCaughtUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long since = -1;
    caughtUp = true;
    while (System.nanoTime() < deadline) {
      long now = System.nanoTime();
      if (caughtUp(now)) {
        if (since < 0) {
          since = now;
        } else if (now - since >= CAUGHT_UP_FOR.toNanos()) {
          return since;
        }
      } else {
        since = -1;
      }
      Thread.sleep(100);
    }
    caughtUp = false;
    say("the pipeline did not catch up with %.0f transactions a second within %s: this machine is too slow for the "
        + "rate (try a lower --tps); going on", config.transactionsPerSecond(), seconds(timeout.toNanos()));
    return System.nanoTime();
  }

  private boolean caughtUp(long now) {
    Map<Integer, String> latest = timeline.latestTransactions();
    if (latest.size() < Topics.FRAUD_SCORES.partitions()) {
      return false;
    }
    for (String transactionId : latest.values()) {
      Long sent = traffic.firstSent(transactionId);
      if (sent == null || now - sent > CAUGHT_UP.toNanos()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Restarts, as a supervisor would, any process that exited without being killed (a role that stopped on an error),
   * and says so: the drill fails on it, and without the restart one such exit would spoil every kill after it.
   */
  private void restartExited(long trafficStarted) {
    for (ManagedProcess process : processes.exited()) {
      unplannedExits.add(process.name());
      say("%s exited on its own, found at +%s (its log: %s); restarting it, as a supervisor would", process.name(),
          seconds(System.nanoTime() - trafficStarted), process.logFile());
      process.restart();
    }
  }

  /** Why an instance of a role was the one killed: the first of {@code instances}. */
  private static String oneOf(int instances) {
    return instances == 1 ? "the only instance" : "one of " + instances + " instances";
  }

  /** Kills one process of {@code target}'s kind, restarts it at once and waits until it (and the job) runs again. */
  private KillResult kill(int number, KillTarget target, long trafficStarted) throws Exception {
    ManagedProcess victim;
    String why;
    FlinkSessionCluster.CheckpointCounts before = null;
    switch (target) {
      case BROKER -> {
        victim = kafka.activeController();
        why = "the active controller";
      }
      case TASKMANAGER -> {
        Map<String, Integer> placement = flink.subtasksByTaskManager(job);
        String busiest = placement.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        victim = flink.taskManager(busiest);
        before = flink.checkpoints(job);
        why = String.format(Locale.ROOT, "%d of the job's %d subtasks, %d checkpoints completed",
            placement.get(busiest), placement.values().stream().mapToInt(Integer::intValue).sum(), before.completed());
      }
      case SCORER -> {
        victim = scorers.get(0).process();
        why = oneOf(scorers.size());
      }
      case VALIDATOR -> {
        victim = validators.get(0);
        why = oneOf(validators.size());
      }
      default -> throw new IllegalStateException("unknown kill target " + target);
    }
    long killed = System.nanoTime();
    victim.kill();
    victim.restart();
    Duration jobBack = null;
    if (target == KillTarget.TASKMANAGER) {
      jobBack = awaitJobRestored(before, killed);
    }
    victim.awaitReady(READY_TIMEOUT);
    Duration back = Duration.ofNanos(System.nanoTime() - killed);
    KillResult result = new KillResult(number, target, victim.name(), why, Duration.ofNanos(killed - trafficStarted),
        back, jobBack, null, null);
    say("kill %d: SIGKILL %s (%s) at +%s; restarted at once, ready again after %s%s", number, victim.name(), why,
        seconds(killed - trafficStarted), seconds(back.toNanos()),
        jobBack == null ? "" : "; the feature job restored its checkpoint and ran again after " + seconds(jobBack.toNanos()));
    return result;
  }

  private Duration awaitJobRestored(FlinkSessionCluster.CheckpointCounts before, long killed) throws Exception {
    long deadline = killed + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (flink.checkpoints(job).restored() > before.restored() && flink.isRunning(job)) {
        return Duration.ofNanos(System.nanoTime() - killed);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the feature job did not restore within " + READY_TIMEOUT.toSeconds()
        + " s of the TaskManager's death; see " + flink.jobManager().logFile());
  }

  /** Each kill's stall and worst latency, from its kill to the next one (the last: to the end of the traffic). */
  private List<KillResult> measure(List<KillResult> kills, List<Long> killedAt, long trafficEnded) {
    Map<Integer, long[]> arrivals = timeline.arrivalsByPartition();
    List<KillResult> measured = new ArrayList<>();
    for (int i = 0; i < kills.size(); i++) {
      long from = killedAt.get(i);
      long to = i + 1 < killedAt.size() ? killedAt.get(i + 1) : trafficEnded;
      measured.add(kills.get(i).withScores(Stalls.longestGap(arrivals, from, to), maxLatency(from, to)));
    }
    return measured;
  }

  /** The longest time from sending to reading the score, among the transactions first sent in the window. */
  private Duration maxLatency(long from, long to) {
    long longest = 0;
    for (RawTraffic.Sent sent : traffic.acknowledged()) {
      Long first = traffic.firstSent(sent.transactionId());
      if (first == null || first != sent.sentNanos() || first < from || first >= to) {
        continue;
      }
      Long scored = timeline.firstArrival(sent.transactionId());
      if (scored != null) {
        longest = Math.max(longest, scored - first);
      }
    }
    return Duration.ofNanos(longest);
  }

  /** Stops the traffic and the reader, then every process the drill started (the Kafka nodes last). */
  @Override
  public void close() {
    while (!running.isEmpty()) {
      AutoCloseable next = running.pop();
      try {
        next.close();
      } catch (Exception e) {
        out.println("argus drill: stopping " + next + " failed: " + e);
      }
    }
    if (processes != null) {
      processes.stopAll(STOP_GRACE);
    }
    out.flush();
  }

  private void say(String format, Object... arguments) {
    out.printf(Locale.ROOT, "[%6.1f s] " + format + "%n", prepend((System.nanoTime() - started) / 1e9, arguments));
    out.flush();
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * An empty directory, or one an earlier drill used (its marker file says so), emptied: every drill starts fresh.
   *
   * @throws UserException when the directory holds something else
   */
  static Path prepareWorkDirectory(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      try (Stream<Path> entries = Files.list(absolute)) {
        boolean empty = entries.findAny().isEmpty();
        if (!empty && !Files.exists(absolute.resolve(MARKER))) {
          throw new UserException(directory + " holds files but no earlier drill (no " + MARKER + "); choose an "
              + "empty or new directory with --work-dir");
        }
      }
      try (Stream<Path> tree = Files.walk(absolute)) {
        for (Path path : tree.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(absolute)).toList()) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(absolute);
    Files.writeString(absolute.resolve(MARKER), "# an argus drill works here; the next drill empties it\nstarted="
        + Instant.now() + "\n", StandardCharsets.UTF_8);
    return absolute;
  }

  /** A throwaway card-token key for the drill's validators, readable by its owner only. */
  private static Path tokenKey(Path file) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the drill's card-token key " + file, e);
    }
  }
}
