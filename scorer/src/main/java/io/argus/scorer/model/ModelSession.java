package io.argus.scorer.model;

import io.argus.model.FraudModel;

/**
 * One thread's view of the champion: the serving model and this thread's own copy of its network, replaced by a
 * fresh copy at the first call after the holder swapped models. Use one session per thread (or per stream task); it
 * is not thread-safe, which is the point.
 */
public final class ModelSession {

  private final ModelHolder holder;
  private ServingModel serving;
  private FraudModel model;

  public ModelSession(ModelHolder holder) {
    this.holder = holder;
  }

  /**
   * Catches up with the holder; call once per record, then use {@link #serving()} and {@link #model()}.
   *
   * @throws IllegalStateException when no model has been adopted yet
   */
  public void refresh() {
    ServingModel latest = holder.current();
    if (latest == null) {
      throw new IllegalStateException("no model adopted yet: the scorer must wait for a champion before scoring");
    }
    if (latest != serving) {
      model = latest.newCopy();
      serving = latest;
    }
  }

  public ServingModel serving() {
    return serving;
  }

  public FraudModel model() {
    return model;
  }
}
