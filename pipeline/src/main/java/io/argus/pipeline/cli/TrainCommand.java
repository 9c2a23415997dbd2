package io.argus.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.common.Durations;
import io.argus.features.FraudV1;
import io.argus.features.offline.DatasetSplit;
import io.argus.features.offline.EvaluationProtocol;
import io.argus.features.offline.OfflineStore;
import io.argus.features.offline.PointInTimeDatasetBuilder;
import io.argus.model.ModelFamily;
import io.argus.kafka.KafkaSettings;
import io.argus.model.registry.ModelRegistry;
import io.argus.pipeline.operations.RetrainingOperations;
import io.argus.pipeline.operations.RoleMetrics;
import io.argus.pipeline.operations.RoleOperations;
import io.argus.pipeline.security.Roles;
import io.argus.schemas.AvroCodec;
import io.argus.trainer.artifact.ModelArtifact;
import io.argus.trainer.evaluation.Evaluation;
import io.argus.trainer.evaluation.HandbookBaselines;
import io.argus.trainer.registry.KafkaReleaseSink;
import io.argus.trainer.registry.ReleaseSink;
import io.argus.trainer.retraining.OfflineRetraining;
import io.argus.trainer.retraining.RetrainingPolicy;
import io.argus.trainer.retraining.RetrainingScheduler;
import io.argus.trainer.retraining.RetrainingState;
import io.argus.trainer.retraining.RetrainingStateStore;
import io.argus.trainer.training.HyperParameters;
import io.argus.trainer.workflow.TrainingOutcome;
import io.argus.trainer.workflow.TrainingWorkflow;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code argus train}: trains a fraud model on the handbook protocol from the offline store, evaluates it on the
 * test window, registers it and releases it if it beats the champion; prints the figures beside the handbook's
 * published ones and ends with one line of JSON. With {@code --retrain-every} it then keeps retraining on that
 * interval and on drift, on labelled data it has not trained on yet, remembering what it trained in
 * {@code <registry>/<model>/retraining.json}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains, evaluates, registers and releases a fraud model (handbook protocol); the last line is "
        + "one JSON object.",
        "With --bootstrap (and --kafka-config) the release and the decision alert are published to Kafka.",
        "With --retrain-every it keeps running: GET /health (200 once the first training is done and retraining is "
            + "scheduled) and GET /metrics on --ops-port; prints 'argus train ready ops=http://HOST:PORT' then."})
public final class TrainCommand implements Callable<Integer> {

  /** The retraining scheduler's state file, in the model's registry directory. */
  static final String STATE_FILE = "retraining.json";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--offline-dir", required = true, paramLabel = "DIR",
      description = "The offline feature store (build it with 'argus features --from-file FILE --offline-dir DIR').")
  Path offlineDirectory;

  @Option(names = "--registry", required = true, paramLabel = "DIR",
      description = "The model registry directory (created if missing).")
  Path registryDirectory;

  @Option(names = "--model", defaultValue = "lstm", paramLabel = "FAMILY",
      description = "lstm, transformer or mlp (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--train-from", defaultValue = "2018-07-25", paramLabel = "DATE",
      description = "First training day, UTC (default: ${DEFAULT-VALUE}).")
  LocalDate trainFrom;

  @Option(names = "--train-days", defaultValue = "7", description = "Training days (default: ${DEFAULT-VALUE}).")
  int trainDays;

  @Option(names = "--delay-days", defaultValue = "7",
      description = "Days between training and test while labels arrive (default: ${DEFAULT-VALUE}).")
  int delayDays;

  @Option(names = "--test-days", defaultValue = "7", description = "Test days (default: ${DEFAULT-VALUE}).")
  int testDays;

  @Option(names = "--validation-days", defaultValue = "7",
      description = "Days before training used for early stopping (default: ${DEFAULT-VALUE}).")
  int validationDays;

  @Option(names = "--preset", defaultValue = "standard", paramLabel = "NAME",
      description = "Hyper-parameter preset: standard or tiny (default: ${DEFAULT-VALUE}); see the trainer README.")
  String preset;

  @Option(names = "--max-epochs", paramLabel = "N", description = "Overrides the preset's maximum epochs.")
  Integer maxEpochs;

  @Option(names = "--seed", paramLabel = "N", description = "Overrides the preset's seed (default 42).")
  Long seed;

  @Option(names = "--fraud-weight", paramLabel = "W",
      description = "Overrides the preset's loss weight of a fraud (legitimate: 1; 0 = sqrt(legitimate/frauds)).")
  Double fraudWeight;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Where the report goes (default: the version's directory in the registry, /report).")
  Path reportDirectory;

  /** Where the ModelRelease and the decision alert are published; without it, they are not. */
  @Mixin
  KafkaOptions kafka;

  /** With --retrain-every: /health and /metrics of the retraining loop. */
  @Mixin
  OperationsOptions operations;

  @Option(names = "--alert-rate", defaultValue = "0.01",
      description = "Share of transactions the reported operating threshold alerts on (default: ${DEFAULT-VALUE}).")
  double alertRate;

  @Option(names = "--retrain-every", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Keep running and retrain on this interval and on drift; a duration like 30s, 3d or ISO-8601 "
          + "(PT24H).")
  Duration retrainEvery;

  static {
    AvroCodec.trustArgusRecords(); // reading the offline store needs it
  }

  @Override
  public Integer call() throws Exception {
    ModelFamily family = family();
    OfflineStore store = store();
    EvaluationProtocol protocol = protocol();
    DatasetSplit split = PointInTimeDatasetBuilder.build(store, protocol);
    if (split.train().isEmpty() || split.test().isEmpty() || split.validation().isEmpty()) {
      throw new UserException("the offline store at " + offlineDirectory + " has " + split.validation().size()
          + " validation, " + split.train().size() + " training and " + split.test().size() + " test transactions"
          + " for --train-from " + trainFrom + "; it holds " + span(store.dates("features"))
          + ": choose windows inside them");
    }
    TrainingWorkflow.Options options = new TrainingWorkflow.Options(parameters(family), null,
        TrainingWorkflow.Options.DEFAULT_BACKGROUND_SIZE, alertRate, reportDirectory);
    KafkaSettings settings = kafka.given() ? kafka.connect(Roles.trainer(), false) : null;
    // Retraining runs as a service: its operations surface starts before the first training.
    try (RoleMetrics metrics = retrainEvery == null ? null : RoleMetrics.create()) {
      RetrainingOperations watched = metrics == null ? null : new RetrainingOperations(metrics);
      try (RoleOperations surface = watched == null ? null : operations.start("train", watched::health,
              metrics::scrape, spec.commandLine().getOut());
          ReleaseSink sink = releaseSink(settings, metrics, watched)) {
        TrainingWorkflow workflow = new TrainingWorkflow(FraudV1.FEATURE_SET, new ModelRegistry(registryDirectory),
            sink, Clock.systemUTC(), ConsoleProgress.standardError());
        TrainingOutcome outcome = workflow.run(split, options);
        print(outcome);
        if (watched != null) {
          retrainForever(store, workflow, options, sink, outcome, protocol, watched);
        }
      }
    }
    return 0;
  }

  /** To Kafka when it is given (its producers' metrics bound), logged otherwise; counted while retraining. */
  private static ReleaseSink releaseSink(KafkaSettings settings, RoleMetrics metrics, RetrainingOperations watched) {
    ReleaseSink sink = settings == null ? ReleaseSink.loggingOnly()
        : new KafkaReleaseSink(metrics == null ? settings : settings.withListener(metrics.kafkaClients()));
    return watched == null ? sink : watched.watch(sink);
  }

  private void print(TrainingOutcome outcome) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Evaluation evaluation = outcome.evaluation();
    out.println(HandbookBaselines.comparisonTable(outcome.run().parameters().family().id(), evaluation));
    out.printf(Locale.ROOT, "Brier score %.5f; threshold %.4f for %.1f %% alerts (TPR %.3f, FPR %.4f); "
            + "%d epochs (kept %d), training %.1f s%n", evaluation.brierScore(), evaluation.threshold(),
        evaluation.alertRate() * 100, evaluation.truePositiveRate(), evaluation.falsePositiveRate(),
        outcome.run().history().epochs().size(), outcome.run().history().bestEpoch(),
        outcome.run().trainingSeconds());
    out.printf("%s %s: %s%nreport: %s%n", outcome.model().name(), outcome.model().version(),
        outcome.decision().reason(), outcome.reportDirectory().resolve("report.md"));
    out.println(new ObjectMapper().writeValueAsString(outcome.summary()));
    out.flush();
  }

  private void retrainForever(OfflineStore store, TrainingWorkflow workflow, TrainingWorkflow.Options options,
      ReleaseSink sink, TrainingOutcome first, EvaluationProtocol protocol, RetrainingOperations watched)
      throws InterruptedException {
    RetrainingPolicy defaults = RetrainingPolicy.DEFAULT;
    RetrainingPolicy policy = new RetrainingPolicy(retrainEvery, defaults.checkEvery(), defaults.recentWindow(),
        defaults.threshold(), defaults.driftFeatures(), defaults.bins());
    OfflineRetraining retraining = new OfflineRetraining(store, workflow, options, protocol);
    ModelRegistry registry = new ModelRegistry(registryDirectory);
    String name = first.model().name();
    RetrainingStateStore state = RetrainingStateStore.file(registryDirectory.resolve(name).resolve(STATE_FILE),
        RetrainingState.initial(first.split().trainWindow(), Instant.now()));
    try (RetrainingScheduler scheduler = new RetrainingScheduler(FraudV1.FEATURE_SET, retraining,
        () -> registry.champion(name).map(champion -> ModelArtifact.read(champion).model()),
        watched.watch(retraining), sink, Clock.systemUTC(), policy, state)) {
      scheduler.start();
      watched.scheduled();
      spec.commandLine().getErr().println("argus train: retraining every " + Durations.format(retrainEvery) + " and on drift; "
          + "Ctrl-C to stop");
      new CountDownLatch(1).await();
    }
  }

  private static String span(List<LocalDate> dates) {
    return dates.isEmpty() ? "no dates" : "dates " + dates.get(0) + " to " + dates.get(dates.size() - 1);
  }

  private ModelFamily family() {
    try {
      return ModelFamily.of(model);
    } catch (IllegalArgumentException e) {
      throw new UserException("--model: " + e.getMessage());
    }
  }

  private OfflineStore store() {
    if (!Files.isDirectory(offlineDirectory)) {
      throw new UserException("--offline-dir " + offlineDirectory + " does not exist: build the offline store with "
          + "'argus features --from-file FILE --offline-dir " + offlineDirectory + "'");
    }
    try {
      return OfflineStore.at(offlineDirectory);
    } catch (IllegalArgumentException e) {
      throw new UserException("--offline-dir: " + e.getMessage());
    }
  }

  private EvaluationProtocol protocol() {
    try {
      return new EvaluationProtocol(trainFrom, trainDays, delayDays, testDays, validationDays);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  private HyperParameters parameters(ModelFamily family) {
    HyperParameters parameters = switch (preset) {
      case "standard" -> HyperParameters.standard(family);
      case "tiny" -> HyperParameters.tiny(family);
      default -> throw new UserException("--preset must be standard or tiny, got '" + preset + "'");
    };
    if (maxEpochs != null) {
      if (maxEpochs < 1) {
        throw new UserException("--max-epochs must be at least 1, got " + maxEpochs);
      }
      parameters = parameters.withMaxEpochs(maxEpochs);
    }
    if (fraudWeight != null) {
      if (fraudWeight < 0) {
        throw new UserException("--fraud-weight must be 0 or more, got " + fraudWeight);
      }
      parameters = parameters.withFraudWeight(fraudWeight);
    }
    return seed == null ? parameters : parameters.withSeed(seed);
  }
}
