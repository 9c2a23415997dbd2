package io.argus.scorer.alert;

import io.argus.avro.Alert;
import io.argus.avro.PendingExplanation;
import io.argus.model.ModelInput;
import io.argus.scorer.metrics.ScorerMetrics;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.model.ServingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One stream task's fraud alerts waiting for their explanations. An alerted transaction is written to the task's store
 * of pending explanations (changelogged: it commits with the score that raised it) and handed to the
 * {@link ExplanationPool}; explained on the task's own thread when the pool's queue is full. The task then writes each
 * finished alert and deletes its entry, in the same transaction ({@link #forwardFinished}), on the stream thread. After
 * a restart or a rebalance the store is restored and {@link #resubmitAll} explains again whatever it holds, so every
 * alert is written once and no score waits for an explanation.
 *
 * <p>Used by its stream thread only, except the queue of finished explanations, which workers fill.
 */
public final class PendingAlerts {

  private final KeyValueStore<String, PendingExplanation> store;
  private final ExplanationPool pool;
  private final ModelHolder holder;
  private final ScorerMetrics metrics;
  private final int topContributions;
  private final Queue<ExplainedAlert> finished = new ConcurrentLinkedQueue<>();
  private int outstanding;
  private volatile boolean closed;

  /**
   * @param holder the model that explains alerts restored after a restart (the one served now)
   * @param topContributions how many contributions an alert carries
   */
  public PendingAlerts(KeyValueStore<String, PendingExplanation> store, ExplanationPool pool, ModelHolder holder,
      ScorerMetrics metrics, int topContributions) {
    this.store = store;
    this.pool = pool;
    this.holder = holder;
    this.metrics = metrics;
    this.topContributions = topContributions;
  }

  /**
   * Explains again every alert the store holds (restored after a restart or from another instance), with the model
   * served now.
   *
   * @return how many
   */
  public int resubmitAll() {
    List<PendingExplanation> restored = new ArrayList<>();
    try (KeyValueIterator<String, PendingExplanation> entries = store.all()) {
      while (entries.hasNext()) {
        KeyValue<String, PendingExplanation> entry = entries.next();
        restored.add(entry.value);
      }
    }
    ServingModel serving = holder.current();
    for (PendingExplanation pending : restored) {
      submit(pending, FraudAlerts.input(pending), serving);
    }
    metrics.explanationsResubmitted(restored.size());
    return restored.size();
  }

  /** Keeps {@code pending} until its alert is written, and has it explained with {@code serving}, the model that scored. */
  public void add(PendingExplanation pending, ModelInput input, ServingModel serving) {
    store.put(pending.getTransactionId(), pending);
    submit(pending, input, serving);
  }

  /**
   * Writes, through {@code forward}, the alert of every explanation finished so far, and deletes their entries; call on
   * the stream thread, inside processing or a punctuation, so both go into the task's transaction.
   *
   * @return how many alerts were written
   */
  public int forwardFinished(Consumer<Alert> forward) {
    int forwarded = 0;
    for (ExplainedAlert explained = finished.poll(); explained != null; explained = finished.poll()) {
      outstanding--;
      if (store.get(explained.transactionId()) == null) {
        continue;
      }
      forward.accept(FraudAlerts.alert(explained, topContributions));
      store.delete(explained.transactionId());
      metrics.explained(explained.waitNanos(), explained.explainNanos(), explained.inline(),
          explained.explanation() != null);
      forwarded++;
    }
    return forwarded;
  }

  /** Explanations handed out and not yet forwarded. */
  public int outstanding() {
    return outstanding;
  }

  /** The task is closing: jobs not started yet are skipped; their entries stay in the store for whoever comes next. */
  public void close() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  private void submit(PendingExplanation pending, ModelInput input, ServingModel serving) {
    ExplanationJob job = new ExplanationJob(pending, input, serving, finished::add, this);
    outstanding++;
    if (!pool.trySubmit(job)) {
      job.runInline();
    }
  }
}
