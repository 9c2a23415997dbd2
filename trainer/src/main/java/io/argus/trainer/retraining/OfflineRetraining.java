package io.argus.trainer.retraining;

import io.argus.avro.FeatureVector;
import io.argus.features.offline.DatasetSplit.Window;
import io.argus.features.offline.EvaluationProtocol;
import io.argus.features.offline.OfflineStore;
import io.argus.features.offline.PointInTimeDatasetBuilder;
import io.argus.trainer.workflow.TrainingWorkflow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects the {@link RetrainingScheduler} to the offline store and the {@link TrainingWorkflow}: drift is measured
 * on the store's feature vectors, and a retraining runs the workflow on the protocol whose test window ends with
 * the current day (train, delay and test days as configured), so the newest labelled data trains the challenger.
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
    this.workflow = workflow;
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
  public Window retrain(Instant now, String reason) {
    EvaluationProtocol protocol = protocolEndingOn(LocalDate.ofInstant(now, ZoneOffset.UTC));
    workflow.run(PointInTimeDatasetBuilder.build(store, protocol), options);
    return protocol.trainWindow();
  }

  /** The protocol of this shape whose test window ends (exclusive) on {@code day}. */
  EvaluationProtocol protocolEndingOn(LocalDate day) {
    LocalDate trainFrom = day.minusDays((long) shape.testDays() + shape.delayDays() + shape.trainDays());
    return new EvaluationProtocol(trainFrom, shape.trainDays(), shape.delayDays(), shape.testDays(),
        shape.validationDays());
  }
}
