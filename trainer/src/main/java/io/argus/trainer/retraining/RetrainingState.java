package io.argus.trainer.retraining;

import io.argus.features.offline.DatasetSplit.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the retraining scheduler remembers between checks and across restarts: the champion's training window (the
 * reference drift is measured against), when it last trained, since when the current drift has lasted, its recent
 * trainings (on which data, why, and what became of the challenger), and the last skip it published. Immutable; the
 * {@code with...} methods return the next state.
 *
 * @param reference the champion's training window
 * @param lastTraining when the scheduler last trained (before any training: when the champion was made)
 * @param driftSince the check that found the current drift episode; {@code null} without drift
 * @param trainings the latest trainings, oldest first, at most {@link #TRAININGS_KEPT}
 * @param lastSkip what the last published skip said, so a skip that repeats at every check is published once;
 *     {@code null} when there is none since the last training
 */
public record RetrainingState(Window reference, Instant lastTraining, Instant driftSince, List<Training> trainings,
    String lastSkip) {

  /** Trainings remembered: far more than the data windows one drift episode or one interval can see. */
  public static final int TRAININGS_KEPT = 50;

  /**
   * One training the scheduler ran.
   *
   * @param at when (by the scheduler's clock)
   * @param data the labelled data it learned from and was judged on (the newest fully labelled window then)
   * @param reason why it trained
   * @param modelVersion the challenger's version
   * @param promoted whether the challenger became the champion
   * @param decision the champion/challenger decision, one sentence
   */
  public record Training(Instant at, Window data, String reason, String modelVersion, boolean promoted,
      String decision) {
  }

  public RetrainingState {
    if (reference == null || lastTraining == null) {
      throw new IllegalArgumentException("a retraining state needs the reference window and the last training time");
    }
    trainings = List.copyOf(trainings);
  }

  /** The state before the scheduler has done anything: the champion's training window and when it was made. */
  public static RetrainingState initial(Window reference, Instant lastTraining) {
    return new RetrainingState(reference, lastTraining, null, List.of(), null);
  }

  /** The latest training on exactly {@code data}, if the scheduler remembers one. */
  public Optional<Training> trainedOn(Window data) {
    for (int i = trainings.size() - 1; i >= 0; i--) {
      if (trainings.get(i).data().equals(data)) {
        return Optional.of(trainings.get(i));
      }
    }
    return Optional.empty();
  }

  public Optional<Training> lastTrainingRun() {
    return trainings.isEmpty() ? Optional.empty() : Optional.of(trainings.get(trainings.size() - 1));
  }

  /** Drift seen at {@code now}: the episode starts now unless one is going on. */
  RetrainingState withDrift(boolean drift, Instant now) {
    Instant since = drift ? (driftSince == null ? now : driftSince) : null;
    return new RetrainingState(reference, lastTraining, since, trainings, lastSkip);
  }

  RetrainingState withSkip(String skip) {
    return new RetrainingState(reference, lastTraining, driftSince, trainings, skip);
  }

  /** After a training: remembered, the clock of the interval restarted, the reference moved if it was promoted. */
  RetrainingState withTraining(Training training, Window trainWindow) {
    List<Training> kept = new ArrayList<>(trainings);
    kept.add(training);
    while (kept.size() > TRAININGS_KEPT) {
      kept.remove(0);
    }
    return new RetrainingState(training.promoted() ? trainWindow : reference, training.at(), driftSince, kept, null);
  }
}
