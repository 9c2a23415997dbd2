package io.argus.trainer.workflow;

import io.argus.features.offline.DatasetSplit;
import io.argus.model.registry.RegisteredModel;
import io.argus.trainer.evaluation.Evaluation;
import io.argus.trainer.evaluation.Evaluator.Scored;
import io.argus.trainer.registry.ChampionChallenger.Decision;
import io.argus.trainer.training.FraudTrainer.TrainingRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything one training workflow produced: the run, its test evaluation, the registered version, the decision. */
public record TrainingOutcome(DatasetSplit split, TrainingRun run, Scored scored, Evaluation evaluation,
    RegisteredModel model, Decision decision, String championVersion, Path reportDirectory) {

  /** The figures {@code argus train} prints as its last line, by JSON name. */
  public Map<String, Object> summary() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("model", run.parameters().family().id());
    summary.putAll(evaluation.metrics());
    summary.put("training_seconds", run.trainingSeconds());
    summary.put("epochs", run.history().epochs().size());
    summary.put("best_epoch", run.history().bestEpoch());
    summary.put("test_transactions", evaluation.transactions());
    summary.put("test_frauds", evaluation.frauds());
    summary.put("model_version", model.version());
    summary.put("sha256", model.sha256());
    summary.put("promoted", decision.promote());
    summary.put("champion_average_precision",
        decision.championScore().isPresent() ? decision.championScore().getAsDouble() : null);
    return summary;
  }
}
