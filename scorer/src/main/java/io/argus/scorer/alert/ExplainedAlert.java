package io.argus.scorer.alert;

import io.argus.avro.PendingExplanation;
import io.argus.scorer.explain.Explanation;
import io.argus.scorer.model.ServingModel;

/**
 * A pending alert with its explanation done (or failed, with why), how long it waited for a worker, took and
 * computed (the explaining thread's CPU time), and the model that explained it.
 *
 * @param explanation {@code null} when the explanation failed
 * @param failure why it failed; {@code null} when explained
 */
record ExplainedAlert(PendingExplanation pending, ServingModel explainedBy, Explanation explanation, String failure,
    long waitNanos, long explainNanos, long cpuNanos, boolean inline) {

  static ExplainedAlert explained(PendingExplanation pending, ServingModel explainedBy, Explanation explanation,
      long waitNanos, long explainNanos, long cpuNanos, boolean inline) {
    return new ExplainedAlert(pending, explainedBy, explanation, null, waitNanos, explainNanos, cpuNanos, inline);
  }

  static ExplainedAlert failed(PendingExplanation pending, ServingModel explainedBy, String failure, long waitNanos,
      long explainNanos, long cpuNanos, boolean inline) {
    return new ExplainedAlert(pending, explainedBy, null, failure, waitNanos, explainNanos, cpuNanos, inline);
  }

  String transactionId() {
    return pending.getTransactionId();
  }
}
