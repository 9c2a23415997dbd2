package io.argus.pipeline.runtime;

import io.argus.common.ProgressListener;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.ingestion.simulate.Pacer;
import io.argus.ingestion.simulate.SimulationFeed;
import io.argus.ingestion.simulate.Simulator;
import io.argus.ingestion.simulate.SimulatorConfig;
import io.argus.ingestion.streams.Validator;
import io.argus.ingestion.streams.ValidatorTopology;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationCounts;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.model.registry.ModelRegistry;
import io.argus.pipeline.dashboard.Dashboard;
import io.argus.pipeline.dashboard.DashboardConfig;
import io.argus.scorer.DecisionThresholds;
import io.argus.scorer.Scorer;
import io.argus.scorer.ScorerConfig;
import io.argus.scorer.model.ArtifactModelLoader;
import io.argus.scorer.model.ServingModel;
import io.argus.forecaster.live.ForecastService;
import io.argus.trainer.registry.KafkaReleaseSink;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM, as {@code argus demo} runs it: the embedded broker and the topics, the feature job
 * on a Flink MiniCluster (starting meanwhile, as it takes longest), the validator, the shipped first champion, the
 * scorer with its HTTP API, the forecaster, the retraining scheduler, the dashboard and, once every role runs, the
 * simulator. {@link #close()} stops them in the reverse order: the traffic first, the broker last. Every role
 * commits what it has processed (the feature job with a savepoint), so whatever Kafka acknowledged stays in the data
 * directory and a demo started again goes on from there.
 */
public final class DemoRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoRuntime.class);
  private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Instant startedAt;
  private final DemoDirectory directory;
  private final ProgressListener progress;
  private final DemoStatus status;
  private final Deque<Role> running = new ArrayDeque<>();
  private final List<String> roles = new ArrayList<>();
  private EmbeddedKafkaBroker broker;
  private DemoTokenKey tokenKey;
  private DemoUsers users;
  private Validator validator;
  private Scorer scorer;
  private Dashboard dashboard;
  private LiveSimulation simulation;
  private FirstScoreWatch firstScore;
  private SimulationClock clock;
  private DemoRetraining retraining;

  /** A started role, and how it stops. */
  private record Role(String name, AutoCloseable stop) {
  }

  private DemoRuntime(Instant startedAt, DemoDirectory directory, ProgressListener progress) {
    this.startedAt = startedAt;
    this.directory = directory;
    this.status = new DemoStatus(new RoleCounters(), progress, System.nanoTime(), ZoneId.systemDefault());
    this.progress = status;
  }

  /**
   * Starts every role; if one fails to start, those already started are stopped and the failure is thrown.
   *
   * @param fresh delete an earlier demo's data in the data directory first
   * @param tokenKeyFile the card-token key file, or null for {@code ARGUS_TOKEN_KEY} or the demo's throwaway key
   * @param environment where {@code ARGUS_TOKEN_KEY} is looked up
   * @param progress where retraining reports its epochs
   */
  public static DemoRuntime start(DemoConfig config, boolean fresh, Path tokenKeyFile,
      Map<String, String> environment, ProgressListener progress) throws Exception {
    DemoRuntime runtime = new DemoRuntime(Instant.now(), DemoDirectory.prepare(config.dataDirectory(), fresh),
        progress);
    try {
      runtime.startRoles(config, tokenKeyFile, environment);
      return runtime;
    } catch (Exception | Error e) {
      runtime.close();
      throw e;
    }
  }

  private void startRoles(DemoConfig config, Path tokenKeyFile, Map<String, String> environment) throws Exception {
    SimulatorConfig simulated = directory.simulation(config, LocalDate.now(ZoneOffset.UTC));
    tokenKey = DemoTokenKey.resolve(tokenKeyFile, environment, directory);
    users = DemoUsers.resolve(directory);
    clock = new SimulationClock(Clock.systemUTC(), simulated.start());

    broker = EmbeddedKafkaBroker.start(config.kafkaPort(), directory.kafka());
    started("Kafka broker (KRaft) at " + broker.bootstrap(), broker);
    String bootstrap = broker.bootstrap();
    DemoTopics.create(bootstrap);
    firstScore = FirstScoreWatch.start(bootstrap, startedAt);
    started(null, firstScore);

    // The MiniCluster takes the longest to start: it starts while the other roles do.
    CompletableFuture<EmbeddedFeatureJob> featureJob = CompletableFuture.supplyAsync(() -> startFeatureJob(bootstrap));
    started("feature job (Flink MiniCluster, offline store in " + directory.offlineStore() + ")",
        () -> featureJob.join().close());
    startValidator(bootstrap);

    ModelRegistry registry = new ModelRegistry(directory.registry());
    KafkaReleaseSink releases = new KafkaReleaseSink(bootstrap);
    started(null, releases);
    DemoModel.installIfNoChampion(registry, Instant.now()).ifPresent(releases::release);
    scorer = Scorer.start(bootstrap, scorerSettings(), scorerConfig(config.scorerPort()),
        new ArtifactModelLoader(registry.root()), Clock.systemUTC());
    started("scorer (HTTP on port " + scorer.httpPort() + ")", scorer);

    startForecaster(bootstrap);
    retraining = DemoRetraining.start(directory.offlineStore(), registry, releases, clock, config.retrainEvery(),
        config.retrainCheckEvery(), progress);
    started("retraining every " + config.retrainEvery().toHours() + " simulated hours, from the offline store",
        retraining);
    dashboard = Dashboard.start(DashboardConfig.defaults(bootstrap).withPort(config.dashboardPort())
        .withUsers(users.users()).withScorerUrl(scorerUrl())
        .withForecastHistory(DemoConfig.DASHBOARD_FORECAST_HISTORY)
        .withBacktests(directory.offlineStore(), directory.registry(), DemoTraining.modelName(),
            DecisionThresholds.DEFAULTS.alert()));
    started("dashboard at " + dashboard.url(), dashboard);

    awaitStarted(featureJob);
    TransactionValidator validator = new TransactionValidator(tokenKey.tokenizer(), ValidationLimits.DEFAULTS,
        Clock.systemUTC());
    SimulationFeed feed = new SimulationFeed(Simulator.create(simulated), validator, DemoTraining.LABEL_DELAY,
        Pacer.of(config.transactionsPerSecond(), true));
    simulation = LiveSimulation.start(feed, clock, directory.simulationPosition(), bootstrap);
    started(String.format(Locale.ROOT, "simulator (%,d cards from %s at %.0f transactions a second)",
        simulated.customers(), LocalDate.ofInstant(simulated.start(), ZoneOffset.UTC),
        config.transactionsPerSecond()), simulation);
  }

  private EmbeddedFeatureJob startFeatureJob(String bootstrap) {
    try {
      return EmbeddedFeatureJob.start(bootstrap, directory);
    } catch (Exception e) {
      throw new IllegalStateException("the feature job did not start: " + e.getMessage(), e);
    }
  }

  private static void awaitStarted(CompletableFuture<EmbeddedFeatureJob> featureJob) {
    try {
      featureJob.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void startValidator(String bootstrap) {
    TransactionValidator transactionValidator = new TransactionValidator(tokenKey.tokenizer(),
        ValidationLimits.DEFAULTS, Clock.systemUTC());
    Properties settings = new Properties();
    settings.put(StreamsConfig.STATE_DIR_CONFIG, directory.validatorState().toAbsolutePath().toString());
    validator = Validator.start(bootstrap, settings, transactionValidator, ValidatorTopology.DEFAULT_DUPLICATE_WINDOW);
    started("validator", validator);
  }

  private void startForecaster(String bootstrap) {
    ForecastService service = ForecastService.kafka(bootstrap, DemoConfig.forecasting(), Clock.systemUTC());
    Thread thread = new Thread(() -> {
      try (service) {
        service.run();
      } catch (Exception e) {
        LOG.error("The forecaster stopped on an error", e);
      }
    }, "demo-forecaster");
    thread.start();
    started("forecaster (" + DemoConfig.forecasting().step().toHours() + "-hour steps, event time)", () -> {
      service.stop();
      thread.join(STREAMS_CLOSE_TIMEOUT.toMillis());
    });
  }

  private static ScorerConfig scorerConfig(int httpPort) {
    ScorerConfig defaults = ScorerConfig.DEFAULTS;
    return new ScorerConfig(defaults.thresholds(), defaults.explainer(), defaults.deduplicationRetention(), httpPort,
        defaults.httpThreads());
  }

  private Properties scorerSettings() {
    Properties settings = new Properties();
    settings.put(StreamsConfig.STATE_DIR_CONFIG, directory.scorerState().toAbsolutePath().toString());
    return settings;
  }

  private void started(String description, AutoCloseable stop) {
    running.push(new Role(description == null ? stop.getClass().getSimpleName() : description, stop));
    if (description != null) {
      roles.add(description);
    }
  }

  /** {@code HOST:PORT} of the embedded broker. */
  public String bootstrap() {
    return broker.bootstrap();
  }

  public URI dashboardUrl() {
    return dashboard.url();
  }

  public URI scorerUrl() {
    return URI.create("http://127.0.0.1:" + scorer.httpPort());
  }

  public Path dataDirectory() {
    return directory.root();
  }

  /** What is running, one line per role, in the order they started. */
  public List<String> roles() {
    return List.copyOf(roles);
  }

  /** The file holding the demo's dashboard passwords (user, then password, per line). */
  public Path dashboardPasswords() {
    return users.passwordsFile();
  }

  /** The time from the start to the first score on {@code fraud-scores}, or empty if none came within the timeout. */
  public Optional<Duration> awaitFirstScore(Duration timeout) throws InterruptedException {
    return firstScore.await(timeout);
  }

  /** The short summary {@code argus demo} prints once every role runs. */
  public String summary(Optional<Duration> firstScoreAfter) {
    return summary(firstScoreAfter, Optional.empty());
  }

  /** The summary, naming the file the log goes to. */
  public String summary(Optional<Duration> firstScoreAfter, Optional<Path> logFile) {
    StringBuilder text = new StringBuilder();
    text.append("Argus demo ready after ").append(seconds(Duration.between(startedAt, Instant.now()))).append('\n');
    text.append("  dashboard   ").append(dashboardUrl()).append('\n');
    text.append("  sign in     ").append(users.description()).append('\n');
    text.append("  scorer      ").append(scorerUrl()).append("/score  (POST; /metrics, /health)\n");
    text.append("  kafka       bootstrap=").append(bootstrap()).append('\n');
    text.append("  data        ").append(directory.root().toAbsolutePath()).append('\n');
    logFile.ifPresent(file -> text.append("  log         ").append(file.toAbsolutePath())
        .append("  (everything; here only the status line, Argus's warnings and any error)\n"));
    text.append("  first score ").append(firstScoreAfter.map(after -> "after " + seconds(after))
        .orElse("not yet (the scorer waits for features; see the log)")).append('\n');
    text.append("  running     ").append(String.join("; ", roles)).append('\n');
    if (tokenKey.throwaway()) {
      text.append("  WARNING     card tokens use ").append(tokenKey.description())
          .append(": fine for a demo, never for real cards (set ARGUS_TOKEN_KEY or --token-key-file)\n");
    }
    text.append("Ctrl-C stops everything; a demo started again on the same data directory resumes.");
    return text.toString();
  }

  /**
   * The status line as it reads now: rates since the previous call, lag, alerts, rejections, the serving model, the
   * retraining ({@link DemoStatus}).
   */
  public String status() {
    return status.line(System.nanoTime(), Instant.now());
  }

  LiveSimulation simulation() {
    return simulation;
  }

  ValidationCounts validation() {
    return validator.counts();
  }

  /** Stops every started role, the last started first. */
  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      Role role = running.pop();
      try {
        role.stop().close();
      } catch (Exception e) {
        LOG.warn("Stopping {} failed: {}", role.name(), e.toString());
      }
    }
  }

  /** The counters of the roles started so far (0 or empty for one not started yet). */
  private final class RoleCounters implements DemoStatus.Counters {

    @Override
    public long validated() {
      return validator == null ? 0 : validator.counts().validated();
    }

    @Override
    public long deadLettered() {
      return validator == null ? 0 : validator.counts().rejected();
    }

    @Override
    public long scored() {
      return scorerCount(scorer == null ? null : scorer.registry().find("argus.scorer.vectors")
          .tag("outcome", "scored").counter());
    }

    @Override
    public long alerts() {
      return scorerCount(scorer == null ? null : scorer.registry().find("argus.scorer.alerts").counter());
    }

    @Override
    public Optional<String> model() {
      ServingModel model = scorer == null ? null : scorer.holder().current();
      return model == null ? Optional.empty() : Optional.of(model.name() + " " + model.version());
    }

    @Override
    public Instant eventTime() {
      return clock == null ? startedAt : clock.instant();
    }

    @Override
    public Optional<String> retrainingDecision() {
      return retraining == null ? Optional.empty() : retraining.lastDecision();
    }

    private long scorerCount(Counter counter) {
      return counter == null ? 0 : (long) counter.count();
    }
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
