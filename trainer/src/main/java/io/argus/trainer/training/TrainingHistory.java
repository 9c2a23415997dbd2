package io.argus.trainer.training;

import java.util.List;

/**
 * What each epoch did: mean training loss (weighted binary cross-entropy plus L2, over the epoch's mini-batches),
 * validation loss (unweighted binary cross-entropy) and validation average precision, so the report can show where
 * the network began to over-fit; {@code bestEpoch} is the one whose parameters were kept (early stopping).
 */
public record TrainingHistory(List<Epoch> epochs, int bestEpoch, String stopReason) {

  /** One pass over the training window. */
  public record Epoch(int number, double trainingLoss, double validationLoss, double validationAveragePrecision,
      double seconds) {
  }

  public TrainingHistory {
    epochs = List.copyOf(epochs);
  }

  public Epoch best() {
    return epochs.get(bestEpoch - 1);
  }
}
