package io.argus.trainer.retraining;

import java.nio.file.Path;

/**
 * Where the retraining scheduler keeps its {@link RetrainingState}: a small JSON file (beside the model's versions in
 * the registry, so it moves with them), or memory. A file that cannot be read is reported and replaced by the initial
 * state: the scheduler then may train once more on data it trained on before, never less.
 */
public interface RetrainingStateStore {

  /** The state saved last, or the initial one. */
  RetrainingState load();

  void save(RetrainingState state);

  /** A store in memory: the state lasts as long as the scheduler. */
  static RetrainingStateStore inMemory(RetrainingState initial) {
    return new RetrainingStateStore() {
      private RetrainingState state = initial;

      @Override
      public synchronized RetrainingState load() {
        return state;
      }

      @Override
      public synchronized void save(RetrainingState next) {
        state = next;
      }
    };
  }

  /** A store in {@code file} (written whole and moved into place, so a crash never leaves half a file). */
  static RetrainingStateStore file(Path file, RetrainingState initial) {
    return new RetrainingStateFile(file, initial);
  }
}
