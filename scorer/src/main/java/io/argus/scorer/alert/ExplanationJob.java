package io.argus.scorer.alert;

import io.argus.avro.PendingExplanation;
import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import io.argus.scorer.explain.Explanation;
import io.argus.scorer.model.ServingModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains one alerted transaction with the model that scored it (or, for an alert pending across a restart, the model
 * served now) on whichever thread runs it, with that thread's own copy of the network, and hands the result to its
 * task. A job whose task has closed meanwhile does nothing: the alert is still in the task's store, and whoever opens
 * the task next explains it.
 */
final class ExplanationJob implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ExplanationJob.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final ThreadLocal<ThreadCopy> COPIES = ThreadLocal.withInitial(ThreadCopy::new);

  private final PendingExplanation pending;
  private final ModelInput input;
  private final ServingModel serving;
  private final long queuedNanos;
  private final Consumer<ExplainedAlert> done;
  private final PendingAlerts task;
  private boolean inline;

  ExplanationJob(PendingExplanation pending, ModelInput input, ServingModel serving, Consumer<ExplainedAlert> done,
      PendingAlerts task) {
    this.pending = pending;
    this.input = input;
    this.serving = serving;
    this.queuedNanos = System.nanoTime();
    this.done = done;
    this.task = task;
  }

  /** Runs the job on the calling (stream) thread because the workers' queue was full. */
  void runInline() {
    inline = true;
    run();
  }

  @Override
  public void run() {
    if (task.isClosed()) {
      return;
    }
    long started = System.nanoTime();
    long startedCpu = THREADS.getCurrentThreadCpuTime(); // read inside the wall-clock interval: never more than it
    try {
      FraudModel model = COPIES.get().of(serving);
      Explanation explanation = serving.explainer().explain(model, serving.background(), input);
      long cpu = THREADS.getCurrentThreadCpuTime() - startedCpu;
      done.accept(ExplainedAlert.explained(pending, serving, explanation, inline ? 0 : started - queuedNanos,
          System.nanoTime() - started, cpu, inline));
    } catch (RuntimeException e) {
      LOG.error("Could not explain transaction {}; its alert goes out without an explanation",
          pending.getTransactionId(), e);
      long cpu = THREADS.getCurrentThreadCpuTime() - startedCpu;
      done.accept(ExplainedAlert.failed(pending, serving, e.toString(), started - queuedNanos,
          System.nanoTime() - started, cpu, inline));
    }
  }

  /** One thread's copy of the network of the model it explains with last. */
  private static final class ThreadCopy {

    private ServingModel serving;
    private FraudModel model;

    FraudModel of(ServingModel wanted) {
      if (wanted != serving) {
        model = wanted.newCopy();
        serving = wanted;
      }
      return model;
    }
  }
}
