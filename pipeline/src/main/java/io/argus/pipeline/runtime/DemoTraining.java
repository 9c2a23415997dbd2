package io.argus.pipeline.runtime;

import io.argus.features.offline.EvaluationProtocol;
import io.argus.model.ModelFamily;
import io.argus.trainer.training.HyperParameters;
import io.argus.trainer.workflow.TrainingWorkflow;
import java.time.Duration;
import java.time.LocalDate;

/**
 * How the demo trains fraud models, in one place: the shipped first champion ({@link DemoModel}) and every
 * retraining while the demo runs use the same hyper-parameters and the same shape of evaluation protocol, so a
 * retrained challenger is judged like the model it may replace.
 */
public final class DemoTraining {

  /** Labels are reported this long after their transaction, by the simulator as by the handbook. */
  public static final Duration LABEL_DELAY = Duration.ofDays(7);
  /** Share of transactions the reported operating threshold alerts on. */
  public static final double ALERT_RATE = 0.01;

  private DemoTraining() {
  }

  /**
   * A small, fast LSTM: 16 units, one dense layer of 16, Adam 0.01, no L2, batches of 128, at most 8 epochs with
   * patience 3, fraud weight 1, seed 42. It trains in a minute or two on a week of the demo's traffic.
   */
  public static HyperParameters parameters() {
    return new HyperParameters(ModelFamily.LSTM, 16, 2, 16, 1, 1e-2, 0, 128, 8, 3, 1, HyperParameters.DEFAULT_SEED);
  }

  /** The registry name and release key of the demo's model. */
  public static String modelName() {
    return parameters().family().id();
  }

  /**
   * Validation 3 days, train 7 days, a gap of the label delay (7 days), test 3 days, from {@code trainFrom}: 20 days,
   * and a retraining needs the label delay more after them ({@code OfflineRetraining} waits for every test label).
   */
  public static EvaluationProtocol protocol(LocalDate trainFrom) {
    return new EvaluationProtocol(trainFrom, 7, (int) LABEL_DELAY.toDays(), 3, 3);
  }

  public static TrainingWorkflow.Options options() {
    return new TrainingWorkflow.Options(parameters(), null, TrainingWorkflow.Options.DEFAULT_BACKGROUND_SIZE,
        ALERT_RATE, null);
  }
}
