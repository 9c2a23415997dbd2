package io.argus.scorer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.common.Percentiles;
import java.util.Locale;

/**
 * What {@link ScoringBenchmark} measured, as a readable table and as one line of JSON with the same figures.
 *
 * @param throughputPerSecond vectors scored per second of wall time, draining the backlog
 * @param streamCpuMicrosPerVector CPU time of the stream threads (and their producers' network threads) per vector
 *     while draining: the scorer's own cost, whatever else shares the machine (the broker in the same JVM, other
 *     processes)
 * @param explainerCpuMicrosPerVector CPU time of the explanation threads per vector while draining
 * @param endToEnd features written to Kafka until the score is readable (read committed)
 * @param scoringStep the scoring step alone (the model), per vector
 * @param explanation one explanation, over the explained vectors only (from the alerts)
 * @param explanationCpu the explaining thread's CPU time for one explanation: what {@code explanation} adds to it is
 *     waiting for a core
 * @param explanationWait an alerted score written until its explanation started (waiting for a worker)
 * @param alertEndToEnd features written to Kafka until the alert, explained, is readable (read committed)
 * @param explainedInline alerts the stream thread explained itself because the workers' queue was full
 * @param rules the rules in force and what evaluating them cost per transaction, measured alone
 * @see io.argus.common.LatencyHistogram how the percentiles are computed (three significant digits)
 */
public record BenchmarkResult(
    String modelName, String collectors, long maxHeapBytes, int streamThreads, int explainThreads,
    int commitIntervalMs, int backgroundRows, int explanationGroups, int backlog, double throughputPerSecond,
    double streamCpuMicrosPerVector, double explainerCpuMicrosPerVector, int targetTps, double achievedTps,
    double durationSeconds, Percentiles endToEnd, Percentiles scoringStep, Percentiles explanation,
    Percentiles explanationCpu, Percentiles explanationWait, Percentiles alertEndToEnd, long explainedInline,
    long missing, long missingAlerts, long gcPauses, long gcPauseTotalMillis, long gcPauseLongestMillis,
    RuleCost rules) {

  /** The table, several lines. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Argus scorer benchmark: model %s, %d stream thread(s), %d explanation "
        + "thread(s), at least once, offsets committed every %d ms%n", modelName, streamThreads, explainThreads,
        commitIntervalMs));
    out.append(String.format(Locale.ROOT, "JVM: %s, max heap %d MiB; explanations: %d groups against %d background "
        + "row(s)%n%n", collectors, maxHeapBytes >> 20, explanationGroups, backgroundRows));
    out.append(String.format(Locale.ROOT, "throughput (backlog of %,d vectors drained): %,.0f vectors/s; stream "
        + "threads' CPU %.1f us per vector (%,.0f vectors per CPU-second); explanation threads' CPU %.1f us per "
        + "vector%n%n", backlog, throughputPerSecond, streamCpuMicrosPerVector, 1e6 / streamCpuMicrosPerVector,
        explainerCpuMicrosPerVector));
    out.append(String.format(Locale.ROOT, "latency at %,d vectors/s offered (%,.0f achieved) for %.0f s:%n", targetTps,
        achievedTps, durationSeconds));
    out.append(String.format(Locale.ROOT, "%-44s %9s %9s %9s %9s %9s%n", "stage (ms)", "count", "p50", "p99", "p999",
        "max"));
    row(out, "features in -> score out (read committed)", endToEnd);
    row(out, "scoring step (model alone)", scoringStep);
    row(out, "explanation (alerted vectors)", explanation);
    row(out, "  of it the explaining thread's CPU time", explanationCpu);
    row(out, "waiting for an explanation thread", explanationWait);
    row(out, "features in -> explained alert out", alertEndToEnd);
    out.append(String.format(Locale.ROOT, "%nexplained on the stream thread (workers' queue full): %d%n",
        explainedInline));
    out.append(String.format(Locale.ROOT, "missing scores: %d, missing alerts: %d; GC pauses: %d, %d ms in total, "
        + "longest %d ms%n", missing, missingAlerts, gcPauses, gcPauseTotalMillis, gcPauseLongestMillis));
    if (rules.rules() > 0) {
      out.append(String.format(Locale.ROOT, "rules: %d in force while scoring; evaluating them costs %.2f us per "
          + "transaction alone (one thread, median of 9 passes); at least one held for %.2f %% of transactions%n",
          rules.rules(), rules.microsPerTransaction(), rules.hitRate() * 100));
    }
    return out.toString();
  }

  /** One line of JSON. */
  public String json() {
    ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("p50_ms", endToEnd.p50());
    json.put("p99_ms", endToEnd.p99());
    json.put("p999_ms", endToEnd.p999());
    json.put("max_ms", endToEnd.max());
    json.put("throughput_per_s", Math.round(throughputPerSecond));
    json.put("stream_cpu_us_per_vector", streamCpuMicrosPerVector);
    json.put("throughput_per_stream_cpu_s", Math.round(1e6 / streamCpuMicrosPerVector));
    json.put("model_p50_ms", scoringStep.p50());
    json.put("model_p99_ms", scoringStep.p99());
    json.put("model_p999_ms", scoringStep.p999());
    json.put("explain_p50_ms", explanation.p50());
    json.put("explain_p99_ms", explanation.p99());
    json.put("explain_p999_ms", explanation.p999());
    json.put("explain_cpu_p50_ms", explanationCpu.p50());
    json.put("explain_cpu_p99_ms", explanationCpu.p99());
    json.put("explain_wait_p50_ms", explanationWait.p50());
    json.put("explain_wait_p99_ms", explanationWait.p99());
    json.put("alert_p50_ms", alertEndToEnd.p50());
    json.put("alert_p99_ms", alertEndToEnd.p99());
    json.put("alert_p999_ms", alertEndToEnd.p999());
    json.put("explained", explanation.count());
    json.put("explained_inline", explainedInline);
    json.put("explainer_cpu_us_per_vector", explainerCpuMicrosPerVector);
    json.put("scored", endToEnd.count());
    json.put("missing", missing);
    json.put("missing_alerts", missingAlerts);
    json.put("target_tps", targetTps);
    json.put("achieved_tps", Math.round(achievedTps));
    json.put("model", modelName);
    json.put("collectors", collectors);
    json.put("max_heap_mib", maxHeapBytes >> 20);
    json.put("stream_threads", streamThreads);
    json.put("explain_threads", explainThreads);
    json.put("commit_interval_ms", commitIntervalMs);
    json.put("background_rows", backgroundRows);
    json.put("explanation_groups", explanationGroups);
    json.put("gc_pauses", gcPauses);
    json.put("gc_pause_total_ms", gcPauseTotalMillis);
    json.put("gc_pause_longest_ms", gcPauseLongestMillis);
    json.put("rules", rules.rules());
    json.put("rules_us_per_transaction", rules.microsPerTransaction());
    json.put("rules_hit_rate", rules.hitRate());
    return json.toString();
  }

  private static void row(StringBuilder out, String stage, Percentiles percentiles) {
    out.append(String.format(Locale.ROOT, "%-44s %9d %9.3f %9.3f %9.3f %9.3f%n", stage, percentiles.count(),
        percentiles.p50(), percentiles.p99(), percentiles.p999(), percentiles.max()));
  }
}
