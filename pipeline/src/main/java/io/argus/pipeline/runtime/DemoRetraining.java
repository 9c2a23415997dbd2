package io.argus.pipeline.runtime;

import io.argus.common.ProgressListener;
import io.argus.features.FraudV1;
import io.argus.features.offline.DatasetSplit.Window;
import io.argus.features.offline.OfflineLayout;
import io.argus.features.offline.OfflineStore;
import io.argus.model.registry.ModelRegistry;
import io.argus.model.registry.RegisteredModel;
import io.argus.trainer.artifact.ModelArtifact;
import io.argus.trainer.registry.ReleaseSink;
import io.argus.trainer.retraining.OfflineRetraining;
import io.argus.trainer.retraining.RetrainingPolicy;
import io.argus.trainer.retraining.RetrainingScheduler;
import io.argus.trainer.retraining.RetrainingState;
import io.argus.trainer.retraining.RetrainingStateStore;
import io.argus.trainer.workflow.TrainingWorkflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Retraining while the demo runs: the trainer's {@link RetrainingScheduler} on the simulation's clock, so its interval
 * and windows are in event time, retraining from the demo's own offline store with the demo's hyper-parameters and
 * protocol ({@link DemoTraining}) and promoting a challenger only if it beats the champion. A retraining waits until
 * the store holds every day of its protocol (27 days of simulation, with the label delay), and never runs twice on
 * the same labelled data; the scheduler's decisions (training, skipped and why, promoted, rejected) are
 * {@code MODEL} alerts the dashboard's model panel shows, and its memory is {@code registry/<model>/retraining.json},
 * so a demo started again goes on from it.
 */
final class DemoRetraining implements AutoCloseable {

  /** The scheduler's state file in the model's registry directory. */
  static final String STATE_FILE = "retraining.json";

  private final RetrainingScheduler scheduler;

  private DemoRetraining(OfflineStore store, ModelRegistry registry, ReleaseSink sink, Clock clock,
      RetrainingPolicy policy, ProgressListener progress) {
    TrainingWorkflow workflow = new TrainingWorkflow(FraudV1.FEATURE_SET, registry, sink, Clock.systemUTC(),
        progress);
    OfflineRetraining retraining = new OfflineRetraining(store, workflow, DemoTraining.options(),
        DemoTraining.protocol(LocalDate.EPOCH));
    String name = DemoTraining.modelName();
    Window reference = registry.champion(name).map(champion -> trainingWindow(registry, champion))
        .orElse(new Window(clock.instant(), clock.instant()));
    RetrainingStateStore state = RetrainingStateStore.file(registry.root().resolve(name).resolve(STATE_FILE),
        RetrainingState.initial(reference, clock.instant()));
    this.scheduler = new RetrainingScheduler(FraudV1.FEATURE_SET, retraining,
        () -> registry.champion(name).map(champion -> ModelArtifact.read(champion).model()), retraining, sink, clock,
        policy, state);
  }

  /**
   * Starts checking every {@code checkEvery} (by the clock) and retraining every {@code interval} of the
   * simulation's time, and on drift; each training reports its epochs to {@code progress}.
   */
  static DemoRetraining start(Path offlineStore, ModelRegistry registry, ReleaseSink sink, Clock clock,
      Duration interval, Duration checkEvery, ProgressListener progress) {
    try {
      Files.createDirectories(offlineStore.resolve(OfflineLayout.FEATURES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the offline store at " + offlineStore, e);
    }
    RetrainingPolicy defaults = RetrainingPolicy.DEFAULT;
    RetrainingPolicy policy = new RetrainingPolicy(interval, checkEvery, defaults.recentWindow(),
        defaults.threshold(), defaults.driftFeatures(), defaults.bins());
    DemoRetraining retraining = new DemoRetraining(OfflineStore.at(offlineStore), registry, sink, clock, policy,
        progress);
    retraining.scheduler.start();
    return retraining;
  }

  /** The last decision the scheduler published, in its words; empty before the first. */
  Optional<String> lastDecision() {
    return scheduler.lastDecision();
  }

  @Override
  public void close() {
    scheduler.close();
  }

  private static Window trainingWindow(ModelRegistry registry, RegisteredModel champion) {
    String[] window = ModelArtifact.read(champion).manifest().dataWindows().getOrDefault("train", "").split("/");
    return new Window(Instant.parse(window[0]), Instant.parse(window[1]));
  }
}
