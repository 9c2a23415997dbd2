package io.argus.trainer.retraining;

import io.argus.avro.FeatureVector;
import io.argus.features.offline.DatasetSplit.Window;
import io.argus.features.offline.EvaluationProtocol;
import io.argus.features.offline.OfflineLayout;
import io.argus.features.offline.OfflineStore;
import io.argus.features.offline.PointInTimeDatasetBuilder;
import io.argus.trainer.workflow.TrainingOutcome;
import io.argus.trainer.workflow.TrainingWorkflow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Connects the {@link RetrainingScheduler} to the offline store and the {@link TrainingWorkflow}: drift is measured
 * on the store's feature vectors, and a retraining runs the workflow on the newest protocol whose labels are all
 * known: its test window ends the protocol's delay (the days labels take to arrive) before the current day, so the
 * challenger is trained and judged on the newest fully labelled data. (A test window ending today would hold almost
 * no reported fraud yet, and no challenger could be judged on it.) That data moves a day at a time; a retraining
 * cannot run until the store holds all of it. The workflow runs without its own decision alert: the scheduler
 * publishes the decision, with why it retrained.
 */
public final class OfflineRetraining implements RetrainingScheduler.Data, RetrainingScheduler.Retrainer {

  private final OfflineStore store;
  private final TrainingWorkflow workflow;
  private final TrainingWorkflow.Options options;
  private final EvaluationProtocol shape;

  /** @param shape the train, delay, test and validation days to use; its start date is ignored */
  public OfflineRetraining(OfflineStore store, TrainingWorkflow workflow, TrainingWorkflow.Options options,
      EvaluationProtocol shape) {
    this.store = store;
    this.workflow = workflow == null ? null : workflow.withoutDecisionAlert();
    this.options = options;
    this.shape = shape;
  }

  @Override
  public List<FeatureVector> features(Instant from, Instant to) {
    List<FeatureVector> vectors = new ArrayList<>();
    store.features(LocalDate.ofInstant(from, ZoneOffset.UTC), LocalDate.ofInstant(to, ZoneOffset.UTC).plusDays(1),
        vector -> {
          if (!vector.getEventTime().isBefore(from) && vector.getEventTime().isBefore(to)) {
            vectors.add(vector);
          }
        });
    return vectors;
  }

  @Override
  public String modelName() {
    return options.name();
  }

  /** The whole protocol of {@link #protocolAt(Instant)}: validation, training, delay and test days. */
  @Override
  public Window newestLabelled(Instant now) {
    EvaluationProtocol protocol = protocolAt(now);
    return new Window(protocol.validationWindow().from(), protocol.testWindow().to());
  }

  @Override
  public Optional<String> notReady(Instant now) {
    EvaluationProtocol protocol = protocolAt(now);
    List<LocalDate> dates = store.dates(OfflineLayout.FEATURES);
    if (dates.isEmpty() || dates.get(0).isAfter(protocol.validationFrom())) {
      return Optional.of("it needs features from " + protocol.validationFrom() + " and the offline store "
          + (dates.isEmpty() ? "is empty" : "begins on " + dates.get(0)));
    }
    return Optional.empty();
  }

  @Override
  public RetrainingScheduler.Retraining retrain(Instant now, String reason) {
    EvaluationProtocol protocol = protocolAt(now);
    TrainingOutcome outcome = workflow.run(PointInTimeDatasetBuilder.build(store, protocol), options);
    return new RetrainingScheduler.Retraining(protocol.trainWindow(), outcome.model().version(),
        outcome.decision().promote(), outcome.decision().reason());
  }

  /**
   * The protocol of this shape a retraining at {@code now} uses: its test window ends (exclusive) the delay's days
   * before the day of {@code now}, so every label of it has been reported.
   */
  public EvaluationProtocol protocolAt(Instant now) {
    LocalDate testTo = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(shape.delayDays());
    LocalDate trainFrom = testTo.minusDays((long) shape.testDays() + shape.delayDays() + shape.trainDays());
    return new EvaluationProtocol(trainFrom, shape.trainDays(), shape.delayDays(), shape.testDays(),
        shape.validationDays());
  }
}
