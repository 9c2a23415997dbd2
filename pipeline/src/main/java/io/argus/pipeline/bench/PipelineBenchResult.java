package io.argus.pipeline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.common.Percentiles;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link PipelineBenchmark} measured, as a readable table and as one line of JSON with the same figures.
 *
 * @param roles where the roles ran, for example {@code "in this JVM, embedded broker"}
 * @param achievedTps the rate the latency phase was actually offered at
 * @param latency the measured transactions (after the warm-up)
 * @param missing transactions of the latency phase never scored
 * @param deadLetters dead letters of this run, by {@code source topic/reason}
 * @param servingCounts the feature job's serving counts ({@code skewedVectors}...); empty when it ran elsewhere
 * @param settings what each role ran with; empty when they ran elsewhere
 * @param readySeconds from starting the roles (when they ran elsewhere: from releasing the model) until a first
 *     transaction was scored
 * @param pauses this JVM's collections in the measured window, and the share of the slowest transactions in flight
 *     during one
 */
public record PipelineBenchResult(String model, String roles, int tps, double achievedTps, double durationSeconds,
    double warmupSeconds, Drain drain, StageLatencies latency, long missing, Map<String, Long> deadLetters,
    Map<String, Long> servingCounts, Map<String, Object> settings, double readySeconds, PauseOverlap pauses) {

  /** The table, several lines. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Argus pipeline benchmark: raw JSON in -> fraud score readable (read "
        + "committed); roles %s; model %s%n%n", roles, model));
    if (drain.backlog() > 0) {
      out.append(String.format(Locale.ROOT, "throughput, after the latency phase: a backlog of %,d raw records written "
          + "at full speed and drained (%,d scored, the last %.1f s after the first was sent):%n", drain.backlog(),
          drain.scored(), drain.secondsToLastScore()));
      out.append(String.format(Locale.ROOT, "  end to end %,.0f/s; per topic: transactions %,.0f/s, features "
          + "%,.0f/s, fraud-scores %,.0f/s%n%n", drain.scoredPerSecond(), drain.validatedPerSecond(),
          drain.featuredPerSecond(), drain.scoredPerSecond()));
    }
    out.append(String.format(Locale.ROOT, "latency at %,d transactions/s offered (%,.0f achieved), %.0f s measured "
        + "after %.0f s of warm-up:%n", tps, achievedTps, durationSeconds, warmupSeconds));
    out.append(String.format(Locale.ROOT, "%-48s %9s %9s %9s %9s %9s%n", "stage (ms)", "count", "p50", "p99", "p999",
        "max"));
    row(out, "end to end: raw sent -> score readable", latency.endToEnd());
    latency.stages().forEach((name, percentiles) -> row(out, StageLatencies.DESCRIPTIONS.get(name), percentiles));
    out.append(String.format(Locale.ROOT, "%nthe first seconds of the offered load, warm-up included (longest ms of "
        + "the transactions sent in each second):%n%-8s %8s %11s %11s %11s %11s%n", "second", "sent", "end to end",
        "validator", "features", "scorer"));
    for (long[] second : latency.firstSeconds()) {
      out.append(String.format(Locale.ROOT, "%-8d %8d %11s %11s %11s %11s%n", second[0], second[1],
          millis(second[2]), millis(second[3]), millis(second[4]), millis(second[5])));
    }
    out.append(String.format(Locale.ROOT, "%nscored %,d (explained %,d), missing %,d; dead letters %s; feature job "
        + "serving %s%n", latency.endToEnd().count(), latency.explained(), missing, deadLetters,
        servingCounts.isEmpty() ? "(ran elsewhere)" : servingCounts));
    out.append(String.format(Locale.ROOT, "GC in this JVM while measuring: %d collections, %d ms; in flight during "
        + "one: %s of the slowest 1 %% (%,d at or above the p99), %s of all%n", pauses.collections(),
        pauses.pausedMillis(), percent(pauses.slowestShare()), pauses.slowest(), percent(pauses.allShare())));
    out.append(String.format(Locale.ROOT, "a first transaction scored %.1f s after the start%nsettings: %s%n",
        readySeconds, settings.isEmpty() ? "(ran elsewhere)" : settings));
    return out.toString();
  }

  /** One line of JSON. */
  public String json() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = mapper.createObjectNode();
    json.put("benchmark", "pipeline");
    json.put("p50_ms", round(latency.endToEnd().p50()));
    json.put("p99_ms", round(latency.endToEnd().p99()));
    json.put("p999_ms", round(latency.endToEnd().p999()));
    json.put("max_ms", round(latency.endToEnd().max()));

    json.put("throughput_per_s", Double.isNaN(drain.scoredPerSecond()) ? null : Math.round(drain.scoredPerSecond()));
    ObjectNode stages = json.putObject("stages");
    latency.stages().forEach((name, percentiles) -> stages.putObject(name)
        .put("p50_ms", round(percentiles.p50())).put("p99_ms", round(percentiles.p99()))
        .put("p999_ms", round(percentiles.p999())).put("max_ms", round(percentiles.max())));
    ObjectNode throughput = json.putObject("drain");
    throughput.put("backlog", drain.backlog()).put("scored", drain.scored());
    throughput.put("transactions_per_s", roundRate(drain.validatedPerSecond()));
    throughput.put("features_per_s", roundRate(drain.featuredPerSecond()));
    throughput.put("scores_per_s", roundRate(drain.scoredPerSecond()));
    throughput.put("seconds_to_last_score", round(drain.secondsToLastScore()));
    json.put("tps", tps);
    json.put("achieved_tps", Math.round(achievedTps));
    json.put("duration_s", durationSeconds);
    json.put("warmup_s", warmupSeconds);
    json.put("scored", latency.endToEnd().count());
    json.put("explained", latency.explained());
    json.put("missing", missing);
    json.set("dead_letters", mapper.valueToTree(deadLetters));
    json.set("serving", mapper.valueToTree(servingCounts));
    json.put("serving_skew", servingCounts.getOrDefault("skewedVectors", -1L));
    var firstSeconds = json.putArray("first_seconds_max_ms");
    for (long[] second : latency.firstSeconds()) {
      firstSeconds.add(second[2] < 0 ? -1 : round(second[2] / 1e3));
    }
    json.put("roles", roles);
    json.put("model", model);
    json.put("ready_s", round(readySeconds));
    json.put("gc_collections", pauses.collections());
    json.put("gc_ms", pauses.pausedMillis());
    json.put("slowest_in_gc_pct", round(pauses.slowestShare() * 100));
    json.put("all_in_gc_pct", round(pauses.allShare() * 100));
    json.set("settings", mapper.valueToTree(settings));
    return json.toString();
  }

  private static String millis(long micros) {
    return micros < 0 ? "unscored" : String.format(Locale.ROOT, "%.1f", micros / 1e3);
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f %%", share * 100);
  }

  private static void row(StringBuilder out, String stage, Percentiles percentiles) {
    out.append(String.format(Locale.ROOT, "%-48s %9d %9.2f %9.2f %9.2f %9.2f%n", stage, percentiles.count(),
        percentiles.p50(), percentiles.p99(), percentiles.p999(), percentiles.max()));
  }

  /** Two decimals; {@code null} (JSON has no NaN) for a figure that was not measured. */
  private static Double round(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 100) / 100.0;
  }

  private static Long roundRate(double value) {
    return Double.isNaN(value) ? null : Math.round(value);
  }
}
