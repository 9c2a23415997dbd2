package io.argus.scorer.bench;

import io.argus.avro.Alert;
import io.argus.avro.FeatureVector;
import io.argus.avro.FraudScore;
import io.argus.avro.ModelRelease;
import io.argus.avro.ReleaseStatus;
import io.argus.avro.RiskRule;
import io.argus.common.GcPauses;
import io.argus.common.LatencyHistogram;
import io.argus.common.Percentiles;
import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import io.argus.common.SteadyRate;
import io.argus.features.FraudV1;
import io.argus.kafka.FirstCopies;
import io.argus.model.FraudModel;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import io.argus.schemas.Topics;
import io.argus.scorer.DecisionThresholds;
import io.argus.scorer.Scorer;
import io.argus.scorer.ScorerConfig;
import io.argus.scorer.explain.ExplainerConfig;
import io.argus.scorer.model.ArtifactModelLoader;
import io.argus.scorer.model.ModelRejectedException;
import io.argus.scorer.model.ServingModel;
import io.argus.scorer.rules.CompiledRule;
import io.argus.scorer.rules.RuleCompiler;
import io.argus.scorer.rules.RuleRejectedException;
import io.argus.scorer.rules.RuleSet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The scorer benchmark, against a running Kafka (the embedded broker for {@code argus bench score}). Two phases in one
 * run: <b>latency</b> — vectors are offered open-loop at a fixed rate and each one is timed from its {@code send} to
 * the moment its score is readable by a read-committed consumer, with the scoring step from the score's own timings;
 * each alert is timed likewise to the moment it is readable, with its explanation's time and its wait for a worker
 * from the alert's own timings; then <b>throughput</b> — a backlog of synthetic feature vectors is written at full
 * speed into the scorer, warm from the latency phase, and the rate it drains at is read from its own counter (until
 * 2026-12-06 the backlog was written first and drained by a scorer the JIT compilers were still compiling). The alert (and explain) threshold is set at the score
 * quantile that alerts the requested share of vectors, so explanations run at a realistic rate whatever the model. With
 * rules, they are published to the rules topic before the scorer starts, so every vector of both phases is evaluated
 * against them, and their cost per transaction is also measured alone ({@link RuleCost}). Latencies are summarised by
 * {@link LatencyHistogram}; each phase reports its progress to a {@link ProgressListener}.
 */
public final class ScoringBenchmark {

  private static final int POOL = 4_096;
  private static final int CARDS = 10_000;
  private static final String[] CARD_IDS = IntStream.range(0, CARDS).mapToObj(c -> String.format("card-%05d", c))
      .toArray(String[]::new);
  private static final String BACKLOG_PREFIX = "backlog-";
  private static final String LATENCY_PREFIX = "latency-";
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
  /** The stream threads and their producers' network threads (as measured since the first version). */
  private static final Pattern STREAM_THREADS = Pattern.compile(".*StreamThread.*");
  private static final Pattern EXPLANATION_THREADS = Pattern.compile("scorer-explainer-\\d+");

  /**
   * @param trainedRegistry a registry holding a trained champion of {@code family}, or {@code null} for an untrained
   *     network of the family's standard preset
   * @param alertRate the share of vectors at or above the alert threshold, which are explained
   * @param rules the rules in force while scoring (none: the model alone)
   */
  public record Options(ModelFamily family, Path trainedRegistry, int tps, Duration duration, Duration warmup,
      int backlog, double alertRate, int commitIntervalMs, int streamThreads, int explainThreads,
      ExplainerConfig explainer, long seed, List<RiskRule> rules) {

    public Options {
      if (tps < 1 || backlog < 0 || duration.isNegative() || duration.isZero() || warmup.isNegative()
          || !(alertRate > 0 && alertRate < 1) || commitIntervalMs < 1 || streamThreads < 1 || explainThreads < 1) {
        throw new IllegalArgumentException("benchmark options out of range: " + this);
      }
      rules = List.copyOf(rules);
    }

    /** Without rules. */
    public Options(ModelFamily family, Path trainedRegistry, int tps, Duration duration, Duration warmup, int backlog,
        double alertRate, int commitIntervalMs, int streamThreads, int explainThreads, ExplainerConfig explainer,
        long seed) {
      this(family, trainedRegistry, tps, duration, warmup, backlog, alertRate, commitIntervalMs, streamThreads,
          explainThreads, explainer, seed, List.of());
    }
  }

  private ScoringBenchmark() {
  }

  /**
   * @throws RuleRejectedException when one of the options' rules does not compile (nothing has run yet)
   */
  public static BenchmarkResult run(String bootstrap, Path workDirectory, Options options, ProgressListener progress)
      throws ModelRejectedException, RuleRejectedException, InterruptedException {
    RuleCompiler compiler = new RuleCompiler(FraudV1.FEATURE_SET);
    List<CompiledRule> compiled = new ArrayList<>();
    for (RiskRule rule : options.rules()) {
      compiled.add(compiler.compile(rule));
    }
    List<ModelInput> pool = SyntheticFeatures.sample(POOL, options.seed());
    ModelRegistry registry = options.trainedRegistry() == null
        ? new ModelRegistry(workDirectory.resolve("registry")) : new ModelRegistry(options.trainedRegistry());
    RegisteredModel registered = options.trainedRegistry() == null
        ? UntrainedModels.register(registry, options.family(), "bench", pool.subList(0, 100), options.seed())
        : registry.champion(options.family().id()).orElseThrow(() -> new IllegalArgumentException(
            "no " + options.family().id() + " champion in the registry " + options.trainedRegistry()));
    String modelName = options.family().id() + " " + registered.version()
        + (options.trainedRegistry() == null ? " (untrained standard preset)" : "");
    ModelRelease release = championRelease(registered);
    ArtifactModelLoader loader = new ArtifactModelLoader(registry.root());
    FraudModel model = loader.load(release).model();
    DecisionThresholds thresholds = thresholds(model, pool, options.alertRate());
    RuleCost ruleCost = RuleCost.measure(new RuleSet(compiled), compiler.variables(), model, pool);
    publish(bootstrap, options.rules());

    ScorerConfig config = new ScorerConfig(thresholds, options.explainer(),
        ScorerConfig.DEFAULT_DEDUPLICATION_RETENTION, 0, 1, options.explainThreads(),
        ScorerConfig.DEFAULTS.explainQueue());
    try (Scorer scorer = Scorer.start(bootstrap, settings(workDirectory, options), config, loader,
        Clock.systemUTC())) {
      try (KafkaProducer<String, ModelRelease> releases = new KafkaProducer<>(producerConfig(bootstrap),
          new StringSerializer(), Topics.MODEL_RELEASES.valueSerde().serializer())) {
        releases.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), release.getName(), release));
      }
      ServingModel serving = awaitModel(scorer);
      double inlineBefore = scorer.metrics().explanations(true);
      Latency latency = measureLatency(bootstrap, options, pool, thresholds.alert(), progress);
      long inline = (long) (scorer.metrics().explanations(true) - inlineBefore);
      Drained drained = drain(bootstrap, scorer, options.backlog(), pool, progress);
      return new BenchmarkResult(modelName, GcPauses.collectors(), Runtime.getRuntime().maxMemory(),
          options.streamThreads(), options.explainThreads(), options.commitIntervalMs(), serving.background().size(),
          serving.explainer().layout().groupCount(), options.backlog(), drained.perSecond(),
          drained.streamCpuMicrosPerVector(), drained.explainerCpuMicrosPerVector(), options.tps(),
          latency.achievedTps(), options.duration().toMillis() / 1000.0, latency.endToEnd(), latency.scoringStep(),
          latency.explanation(), latency.explanationCpu(), latency.explanationWait(), latency.alertEndToEnd(),
          inline, latency.missing(), latency.missingAlerts(),
          latency.pauses().count(), latency.pauses().totalMillis(), latency.pauses().longestMillis(), ruleCost);
    }
  }

  /** Alert and explain from the score quantile that leaves {@code alertRate} above; decline at a fifth of that. */
  public static DecisionThresholds thresholds(FraudModel model, List<ModelInput> inputs, double alertRate) {
    double[] scores = inputs.stream().mapToDouble(model::score).sorted().toArray();
    double alert = scores[(int) Math.min(scores.length - 1, Math.floor((1 - alertRate) * scores.length))];
    double decline = scores[(int) Math.min(scores.length - 1, Math.floor((1 - alertRate / 5) * scores.length))];
    return new DecisionThresholds(alert, Math.max(alert, decline), alert, alert);
  }

  private static ServingModel awaitModel(Scorer scorer) throws InterruptedException {
    try {
      return scorer.holder().firstModel().get(5, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the scorer did not adopt the benchmark model", e);
    }
  }

  /**
   * How fast the backlog went: vectors per second of wall time, and CPU time per vector of the stream threads and of
   * the explanation threads.
   */
  private record Drained(double perSecond, double streamCpuMicrosPerVector, double explainerCpuMicrosPerVector) {
  }

  /**
   * Writes the backlog at full speed into the running (warm) scorer and waits until it has scored it, timing it from
   * the first of its scores to the last, in wall time and in CPU time of the stream threads (which, unlike wall time,
   * does not depend on what else the machine runs).
   */
  private static Drained drain(String bootstrap, Scorer scorer, int backlog, List<ModelInput> pool,
      ProgressListener progress) throws InterruptedException {
    if (backlog == 0) {
      return new Drained(Double.NaN, Double.NaN, Double.NaN);
    }
    var counter = scorer.registry().get("argus.scorer.vectors").tag("outcome", "scored").counter();
    double before = counter.count();
    DoubleSupplier scored = () -> counter.count() - before;
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      try (KafkaProducer<String, FeatureVector> producer = producer(bootstrap)) {
        writeBacklog(producer, backlog, pool);
      }
    });
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    long firstNanos = 0;
    long firstCpuNanos = 0;
    long firstExplainerCpuNanos = 0;
    double firstCount = 0;
    long reported = 0;
    try (Progress bar = progress.start("draining the backlog", backlog, "vectors")) {
      while (scored.getAsDouble() < backlog) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the scorer scored " + (long) scored.getAsDouble() + " of " + backlog
              + " vectors in " + DRAIN_TIMEOUT.toMinutes() + " minutes");
        }
        if (writing.isCompletedExceptionally()) {
          writing.join();
        }
        if (firstNanos == 0 && scored.getAsDouble() > 0) {
          firstNanos = System.nanoTime();
          firstCpuNanos = threadCpuNanos(STREAM_THREADS);
          firstExplainerCpuNanos = threadCpuNanos(EXPLANATION_THREADS);
          firstCount = scored.getAsDouble();
        }
        long scoredSoFar = (long) scored.getAsDouble();
        bar.step(scoredSoFar - reported);
        reported = scoredSoFar;
        Thread.sleep(5);
      }
      bar.step((long) scored.getAsDouble() - reported);
    }
    writing.join();
    double vectors = backlog - firstCount;
    return new Drained(vectors / ((System.nanoTime() - firstNanos) / 1e9),
        (threadCpuNanos(STREAM_THREADS) - firstCpuNanos) / 1e3 / vectors,
        (threadCpuNanos(EXPLANATION_THREADS) - firstExplainerCpuNanos) / 1e3 / vectors);
  }

  /** CPU time of the threads whose names match. */
  private static long threadCpuNanos(Pattern names) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (thread != null && names.matcher(thread.getThreadName()).matches()) {
        total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
      }
    }
    return total;
  }

  private record Latency(Percentiles endToEnd, Percentiles scoringStep, Percentiles explanation,
      Percentiles explanationCpu, Percentiles explanationWait, Percentiles alertEndToEnd, long missing,
      long missingAlerts, double achievedTps, GcPauses pauses) {
  }

  private static Latency measureLatency(String bootstrap, Options options, List<ModelInput> pool,
      double alertThreshold, ProgressListener progress) throws InterruptedException {
    int warmup = (int) (options.tps() * options.warmup().toMillis() / 1000);
    int total = warmup + (int) (options.tps() * options.duration().toMillis() / 1000);
    OutputCollector collector = new OutputCollector(bootstrap, total, warmup, alertThreshold);
    collector.start();
    collector.awaitReady();
    long measuredFrom;
    long measuredTo;
    GcPauses pauses;
    try (KafkaProducer<String, FeatureVector> producer = producer(bootstrap);
        Progress bar = progress.start("offering " + options.tps() + " vectors/s", total, "vectors")) {
      SteadyRate rate = new SteadyRate(options.tps());
      pauses = null;
      measuredFrom = rate.startNanos();
      for (int n = 0; n < total; n++) {
        rate.awaitDue(n);
        if (n == warmup) {
          pauses = new GcPauses();
          measuredFrom = System.nanoTime();
        }
        collector.sent(n, System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.FEATURES.name(), card(n),
            vector(LATENCY_PREFIX + n, n, pool.get(n % pool.size()))));
        bar.step(1);
      }
      measuredTo = System.nanoTime();
    }
    collector.awaitAll(Duration.ofSeconds(60));
    pauses.close();
    return new Latency(collector.endToEnd.percentiles(), collector.scoringStep.percentiles(),
        collector.explanation.percentiles(), collector.explanationCpu.percentiles(),
        collector.explanationWait.percentiles(),
        collector.alertEndToEnd.percentiles(), total - collector.scores, collector.missingAlerts(),
        (total - warmup) / ((measuredTo - measuredFrom) / 1e9), pauses);
  }

  /**
   * Reads {@code fraud-scores} and {@code alerts} (read committed) and times each latency vector from its send to its
   * score, and each alerted one to its alert.
   */
  private static final class OutputCollector extends Thread {

    private static final String ALERT_PREFIX = "fraud-" + LATENCY_PREFIX;

    private final KafkaConsumer<String, byte[]> consumer;
    private final int total;
    private final int warmup;
    private final double alertThreshold;
    private final AtomicLongArray sentNanos;
    /** The scorer writes at least once: a copy of a score or an alert is not counted again. */
    private final FirstCopies scoreIds;
    private final FirstCopies alertIds;
    final LatencyHistogram endToEnd = LatencyHistogram.nanoseconds();
    final LatencyHistogram scoringStep = LatencyHistogram.nanoseconds();
    final LatencyHistogram explanation = LatencyHistogram.nanoseconds();
    final LatencyHistogram explanationCpu = LatencyHistogram.nanoseconds();
    final LatencyHistogram explanationWait = LatencyHistogram.nanoseconds();
    final LatencyHistogram alertEndToEnd = LatencyHistogram.nanoseconds();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    int scores;
    private int alertsExpected;
    private int alerts;
    private volatile boolean stopped;

    OutputCollector(String bootstrap, int total, int warmup, double alertThreshold) {
      super("benchmark-output-collector");
      setDaemon(true);
      Properties config = new Properties();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
      this.total = total;
      this.warmup = warmup;
      this.alertThreshold = alertThreshold;
      this.sentNanos = new AtomicLongArray(total);
      this.scoreIds = new FirstCopies(total);
      this.alertIds = new FirstCopies(total);
    }

    void sent(int n, long nanos) {
      sentNanos.set(n, nanos);
    }

    void awaitReady() throws InterruptedException {
      ready.await();
    }

    void awaitAll(Duration timeout) throws InterruptedException {
      done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      stopped = true;
      join();
    }

    long missingAlerts() {
      return alertsExpected - alerts;
    }

    @Override
    public void run() {
      try (consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.FRAUD_SCORES.name(), Topics.ALERTS.name())) {
          consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        ready.countDown();
        while ((scores < total || alerts < alertsExpected) && !stopped) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
            long now = System.nanoTime();
            if (record.topic().equals(Topics.FRAUD_SCORES.name())) {
              score(now, Topics.FRAUD_SCORES.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            } else if (record.key().startsWith(ALERT_PREFIX)) {
              alert(now, Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
          }
        }
      } finally {
        done.countDown();
      }
    }

    private void score(long receivedNanos, FraudScore score) {
      String id = score.getTransactionId();
      if (!id.startsWith(LATENCY_PREFIX)) {
        return;
      }
      if (!scoreIds.first(id)) {
        return;
      }
      scores++;
      if (score.getScore() >= alertThreshold) {
        alertsExpected++;
      }
      int n = Integer.parseInt(id.substring(LATENCY_PREFIX.length()));
      if (n >= warmup) {
        endToEnd.record(receivedNanos - sentNanos.get(n));
        scoringStep.record(score.getTimings().getModelMicros() * 1000);
      }
    }

    private void alert(long receivedNanos, Alert alert) {
      if (!alertIds.first(alert.getAlertId())) {
        return;
      }
      alerts++;
      int n = Integer.parseInt(alert.getAlertId().substring(ALERT_PREFIX.length()));
      if (n >= warmup && alert.getExplanationTimings() != null) {
        alertEndToEnd.record(receivedNanos - sentNanos.get(n));
        explanation.record(alert.getExplanationTimings().getExplainMicros() * 1000);
        explanationCpu.record(alert.getExplanationTimings().getCpuMicros() * 1000);
        explanationWait.record(alert.getExplanationTimings().getWaitMicros() * 1000);
      }
    }
  }

  /** Writes the backlog at full speed; its progress shows as the drain's. */
  private static void writeBacklog(KafkaProducer<String, FeatureVector> producer, int count, List<ModelInput> pool) {
    for (int n = 0; n < count; n++) {
      producer.send(new ProducerRecord<>(Topics.FEATURES.name(), card(n), vector(BACKLOG_PREFIX + n, n,
          pool.get(n % pool.size()))));
    }
    producer.flush();
  }

  /** The card of vector {@code n}, from a table: formatting it for each vector took 7 % of the load's thread. */
  private static String card(int n) {
    return CARD_IDS[n % CARDS];
  }

  private static FeatureVector vector(String transactionId, int n, ModelInput input) {
    return SyntheticFeatures.vector(transactionId, card(n), input, Instant.now());
  }

  /** Publishes the benchmark's rules, so the scorer reads them before its first score. */
  private static void publish(String bootstrap, List<RiskRule> rules) {
    if (rules.isEmpty()) {
      return;
    }
    try (KafkaProducer<String, RiskRule> producer = new KafkaProducer<>(producerConfig(bootstrap),
        new StringSerializer(), Topics.RULES.valueSerde().serializer())) {
      for (RiskRule rule : rules) {
        producer.send(new ProducerRecord<>(Topics.RULES.name(), rule.getId(), rule));
      }
      producer.flush();
    }
  }

  /** A benchmark's registered model released as the champion of the current feature set. */
  public static ModelRelease championRelease(RegisteredModel model) {
    return ModelRelease.newBuilder()
        .setName(model.name())
        .setVersion(model.version())
        .setArtifactUri(model.uri().toString())
        .setSha256(model.sha256())
        .setFeatureSetVersion(FraudV1.VERSION)
        .setStatus(ReleaseStatus.CHAMPION)
        .setReleasedAt(Instant.now())
        .build();
  }

  private static Properties settings(Path workDirectory, Options options) {
    Properties settings = new Properties();
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "argus-scorer-bench");
    settings.put(StreamsConfig.STATE_DIR_CONFIG, workDirectory.resolve("scorer-state").toString());
    settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.commitIntervalMs());
    settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.streamThreads());
    return settings;
  }

  private static KafkaProducer<String, FeatureVector> producer(String bootstrap) {
    return new KafkaProducer<>(producerConfig(bootstrap), new StringSerializer(),
        Topics.FEATURES.valueSerde().serializer());
  }

  private static Properties producerConfig(String bootstrap) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }
}
