package io.argus.trainer.workflow;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.ModelRelease;
import io.argus.avro.ReleaseStatus;
import io.argus.avro.Severity;
import io.argus.common.ProgressListener;
import io.argus.features.FeatureSet;
import io.argus.features.offline.DatasetSplit;
import io.argus.model.artifact.ArtifactManifest;
import io.argus.model.artifact.LoadedModel;
import io.argus.model.artifact.ModelArtifactException;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import io.argus.schemas.AvroCodec;
import io.argus.trainer.artifact.BackgroundSample;
import io.argus.trainer.artifact.ModelArtifact;
import io.argus.trainer.evaluation.Evaluation;
import io.argus.trainer.evaluation.Evaluator;
import io.argus.trainer.evaluation.Evaluator.Scored;
import io.argus.trainer.registry.ChampionChallenger;
import io.argus.trainer.registry.ChampionChallenger.Decision;
import io.argus.trainer.registry.ReleaseSink;
import io.argus.trainer.training.FraudTrainer;
import io.argus.trainer.training.FraudTrainer.TrainingRun;
import io.argus.trainer.training.HyperParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training cycle, start to release: train on the split's training window (early stopping on its validation
 * window), evaluate on its test window (the release gate), write the artifact into the registry, score the current
 * champion on the same test window, promote the challenger only if its average precision is higher
 * ({@link ChampionChallenger}), publish the {@code ModelRelease} and a {@code MODEL} alert with the decision, and
 * write the report. The registry, the sink, the clock and where training reports its progress are parameters, so
 * tests run it without Kafka.
 */
public final class TrainingWorkflow {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingWorkflow.class);

  static {
    AvroCodec.trustArgusRecords(); // Avro 1.12 builds Alert's default contributions only for trusted classes
  }
  private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  /**
   * @param modelName the registry and release key; {@code null} for the family id
   * @param backgroundSize rows of the SHAP background sample stored with the model
   * @param alertRate share of transactions the reported operating threshold alerts on
   * @param reportDirectory where the report goes; {@code null} for the version's directory in the registry
   */
  public record Options(HyperParameters parameters, String modelName, int backgroundSize, double alertRate,
      Path reportDirectory) {

    public static final int DEFAULT_BACKGROUND_SIZE = 100;

    /** The model's name: {@code modelName}, or the family's id. */
    public String name() {
      return modelName == null ? parameters.family().id() : modelName;
    }
  }

  private final FeatureSet featureSet;
  private final ModelRegistry registry;
  private final ReleaseSink sink;
  private final Clock clock;
  private final ProgressListener progress;
  private final boolean decisionAlert;

  /** A workflow whose training reports no progress. */
  public TrainingWorkflow(FeatureSet featureSet, ModelRegistry registry, ReleaseSink sink, Clock clock) {
    this(featureSet, registry, sink, clock, ProgressListener.SILENT);
  }

  /** A workflow whose training reports each epoch to {@code progress}. */
  public TrainingWorkflow(FeatureSet featureSet, ModelRegistry registry, ReleaseSink sink, Clock clock,
      ProgressListener progress) {
    this(featureSet, registry, sink, clock, progress, true);
  }

  private TrainingWorkflow(FeatureSet featureSet, ModelRegistry registry, ReleaseSink sink, Clock clock,
      ProgressListener progress, boolean decisionAlert) {
    this.featureSet = featureSet;
    this.registry = registry;
    this.sink = sink;
    this.clock = clock;
    this.progress = progress;
    this.decisionAlert = decisionAlert;
  }

  /**
   * This workflow without its {@code MODEL} alert of the decision (the releases still go out), for a caller that
   * publishes the decision itself with more context: the retraining scheduler.
   */
  public TrainingWorkflow withoutDecisionAlert() {
    return new TrainingWorkflow(featureSet, registry, sink, clock, progress, false);
  }

  public TrainingOutcome run(DatasetSplit split, Options options) {
    TrainingRun run = new FraudTrainer(featureSet, progress).train(split.train(), split.validation(),
        options.parameters());
    Evaluator evaluator = new Evaluator(featureSet, options.alertRate());
    Scored scored = evaluator.score(run.model(), split.test());
    Evaluation evaluation = evaluator.evaluate(scored);
    Instant now = clock.instant();
    String name = options.name();
    String version = uniqueVersion(name, now);
    Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
    metrics.put("training_seconds", run.trainingSeconds());
    ArtifactManifest manifest = run.manifest(featureSet, name, version, windows(split), metrics,
        Math.min(options.backgroundSize(), split.train().size()), now);
    String sha256 = ModelArtifact.write(registry.artifactPath(name, version), manifest, run.network(), run.model(),
        BackgroundSample.draw(split.train(), options.backgroundSize(), run.parameters().seed()));
    RegisteredModel model = registry.register(name, version, sha256);

    Optional<RegisteredModel> champion = registry.champion(name);
    Optional<LoadedModel> loadedChampion = champion.flatMap(this::loadChampion);
    OptionalDouble championPrecision = loadedChampion
        .map(loaded -> OptionalDouble.of(evaluator.evaluate(evaluator.score(loaded.model(), split.test()))
            .averagePrecision()))
        .orElse(OptionalDouble.empty());
    Decision decision = ChampionChallenger.decide(evaluation.averagePrecision(), championPrecision);
    String window = window(split.testWindow());
    if (decision.promote()) {
      registry.promote(model);
    }
    sink.release(release(model, featureSet.version(), metrics, decision.promote() ? ReleaseStatus.CHAMPION
        : ReleaseStatus.CHALLENGER_REJECTED, window, now));
    if (!decision.promote() && loadedChampion.isPresent()) {
      // model-releases is compacted by model name: the champion's release goes last so it is what stays.
      LoadedModel kept = loadedChampion.get();
      sink.release(release(champion.get(), kept.manifest().featureSetVersion(), kept.manifest().metrics(),
          ReleaseStatus.CHAMPION, kept.manifest().dataWindows().getOrDefault("test", ""), now));
    }
    if (decisionAlert) {
      Map<String, String> references = new HashMap<>();
      references.put("modelName", name);
      references.put("modelVersion", version);
      references.put("decision", decision.promote() ? "PROMOTED" : "REJECTED");
      champion.ifPresent(existing -> references.put("championVersion", existing.version()));
      sink.alert(Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setKind(AlertKind.MODEL)
          .setSeverity(Severity.INFO).setCreatedAt(now).setReferences(references)
          .setMessage(name + " " + version + ": " + decision.reason()).build());
    }
    LOG.info("{} {}: {}", name, version, decision.reason());

    Path reportDirectory = options.reportDirectory() != null ? options.reportDirectory()
        : registry.versionDirectory(name, version).resolve("report");
    TrainingOutcome outcome = new TrainingOutcome(split, run, scored, evaluation, model, decision,
        champion.map(RegisteredModel::version).orElse(null), reportDirectory);
    ReportWriter.write(outcome);
    return outcome;
  }

  private Optional<LoadedModel> loadChampion(RegisteredModel champion) {
    try {
      return Optional.of(ModelArtifact.read(champion));
    } catch (ModelArtifactException e) {
      sink.alert(Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setKind(AlertKind.MODEL)
          .setSeverity(Severity.WARNING).setCreatedAt(clock.instant())
          .setReferences(Map.of("modelName", champion.name(), "modelVersion", champion.version()))
          .setMessage("champion " + champion.version() + " no longer loads, so it cannot be compared: "
              + e.getMessage()).build());
      LOG.warn("champion {} {} no longer loads: {}", champion.name(), champion.version(), e.getMessage());
      return Optional.empty();
    }
  }

  private String uniqueVersion(String name, Instant now) {
    String base = VERSION_TIME.format(now);
    String version = base;
    for (int attempt = 2; Files.exists(registry.versionDirectory(name, version)); attempt++) {
      version = base + "-" + attempt;
    }
    return version;
  }

  private static ModelRelease release(RegisteredModel model, String featureSetVersion, Map<String, Double> metrics,
      ReleaseStatus status, String evaluationWindow, Instant now) {
    return ModelRelease.newBuilder().setName(model.name()).setVersion(model.version())
        .setArtifactUri(model.uri().toString()).setSha256(model.sha256()).setFeatureSetVersion(featureSetVersion)
        .setMetrics(new HashMap<>(metrics)).setStatus(status).setEvaluationWindow(evaluationWindow)
        .setReleasedAt(now).build();
  }

  private static Map<String, String> windows(DatasetSplit split) {
    return Map.of("train", window(split.trainWindow()), "validation", window(split.validationWindow()),
        "test", window(split.testWindow()));
  }

  private static String window(DatasetSplit.Window window) {
    return window.from() + "/" + window.to();
  }
}
