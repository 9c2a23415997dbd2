package io.argus.scorer.metrics;

import io.argus.avro.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The scorer's own meters: what happened to each feature vector (scored, duplicate, rejected — they add up to what
 * was read), decisions, alerts, explanations by where they ran (a worker, or the stream thread when the workers' queue
 * was full), model swaps and refusals, and a latency histogram per stage (queueing, model, explanation, waiting for an
 * explanation worker, total), which Prometheus turns into percentiles. Thread-safe.
 */
public final class ScorerMetrics {

  private final MeterRegistry registry;
  private final Counter scored;
  private final Counter duplicates;
  private final Counter rejected;
  private final Counter alerts;
  private final Counter modelSwaps;
  private final Counter modelRefusals;
  private final Map<Decision, Counter> decisions = new EnumMap<>(Decision.class);
  private final Timer queue;
  private final Timer model;
  private final Timer explanation;
  private final Timer explanationWait;
  private final Timer total;
  private final Counter explainedByWorkers;
  private final Counter explainedInline;
  private final Counter explanationsFailed;
  private final Counter explanationsResubmitted;

  public ScorerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.scored = outcome("scored");
    this.duplicates = outcome("duplicate");
    this.rejected = outcome("rejected");
    this.alerts = Counter.builder("argus.scorer.alerts").description("Fraud alerts raised").register(registry);
    this.modelSwaps = Counter.builder("argus.scorer.model.swaps").description("Models adopted").register(registry);
    this.modelRefusals = Counter.builder("argus.scorer.model.refusals").description("Released models refused")
        .register(registry);
    for (Decision decision : Decision.values()) {
      decisions.put(decision, Counter.builder("argus.scorer.decisions").tag("decision", decision.name())
          .description("Scores by decision").register(registry));
    }
    this.queue = stage("queue", "From feature computation to the scorer picking the vector up");
    this.model = stage("model", "Scoring step: the model alone");
    this.explanation = stage("explain", "SHAP explanation of one score");
    this.explanationWait = stage("explain_wait", "From an alerted score written to its explanation starting");
    this.total = stage("total", "From transaction ingest to score written");
    this.explainedByWorkers = explanations("worker", "Alerts explained by the explanation workers");
    this.explainedInline = explanations("inline",
        "Alerts explained on the stream thread because the explanation workers' queue was full");
    this.explanationsFailed = Counter.builder("argus.scorer.explanation.failures")
        .description("Alerts written without an explanation because explaining failed").register(registry);
    this.explanationsResubmitted = Counter.builder("argus.scorer.explanations.resubmitted")
        .description("Pending explanations found in a restored store and explained again").register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** One vector scored; {@code explainNanos} is negative when it was not explained, a latency 0 when unknown. */
  public void scored(Decision decision, boolean alerted, long queueMicros, long modelNanos, long explainNanos,
      long totalMicros) {
    scored.increment();
    decisions.get(decision).increment();
    if (alerted) {
      alerts.increment();
    }
    if (queueMicros > 0) {
      queue.record(queueMicros, TimeUnit.MICROSECONDS);
    }
    model.record(modelNanos, TimeUnit.NANOSECONDS);
    if (explainNanos >= 0) {
      explanation.record(explainNanos, TimeUnit.NANOSECONDS);
    }
    if (totalMicros > 0) {
      total.record(totalMicros, TimeUnit.MICROSECONDS);
    }
  }

  /** One vector scored synchronously (HTTP): model and explanation times only. */
  public void scoredOnRequest(long modelNanos, long explainNanos) {
    model.record(modelNanos, TimeUnit.NANOSECONDS);
    if (explainNanos >= 0) {
      explanation.record(explainNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** One alert written with its explanation ({@code succeeded}) or without (the explanation failed). */
  public void explained(long waitNanos, long explainNanos, boolean inline, boolean succeeded) {
    (inline ? explainedInline : explainedByWorkers).increment();
    if (!succeeded) {
      explanationsFailed.increment();
    }
    explanationWait.record(waitNanos, TimeUnit.NANOSECONDS);
    explanation.record(explainNanos, TimeUnit.NANOSECONDS);
  }

  public void explanationsResubmitted(int count) {
    explanationsResubmitted.increment(count);
  }

  /** Alerts explained on the stream thread ({@code inline}) or by the workers so far. */
  public double explanations(boolean inline) {
    return (inline ? explainedInline : explainedByWorkers).count();
  }

  public void duplicate() {
    duplicates.increment();
  }

  public void rejected() {
    rejected.increment();
  }

  public void modelSwapped() {
    modelSwaps.increment();
  }

  public void modelRefused() {
    modelRefusals.increment();
  }

  public double count(String outcome) {
    return registry.get("argus.scorer.vectors").tag("outcome", outcome).counter().count();
  }

  private Counter outcome(String outcome) {
    return Counter.builder("argus.scorer.vectors").tag("outcome", outcome)
        .description("Feature vectors read, by what became of them").register(registry);
  }

  private Counter explanations(String where, String description) {
    return Counter.builder("argus.scorer.explanations").tag("where", where).description(description)
        .register(registry);
  }

  private Timer stage(String name, String description) {
    return Timer.builder("argus.scorer.latency").tag("stage", name).description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(500))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }
}
