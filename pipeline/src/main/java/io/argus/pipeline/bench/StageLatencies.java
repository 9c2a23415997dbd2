package io.argus.pipeline.bench;

import io.argus.common.LatencyHistogram;
import io.argus.common.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latencies of the scored transactions of a phase, end to end and per stage. A stage's boundaries are the moments
 * the benchmark saw a transaction become readable (read committed) on the topic between two roles, and each stage is
 * split at the instant the role wrote into the record: the validator at {@code ingestTime} (validated; the rest is the
 * way to its committed output), the feature job at {@code computedAt}, the scorer at {@code scoredAt} (the rest is
 * its commit). The records' instants are whole milliseconds, so the split parts are within a millisecond; a part below
 * zero (a role read its input before the benchmark's reader did) counts as zero.
 *
 * @param endToEnd from sending the raw record to its score being readable
 * @param stages by name, in pipeline order
 * @param firstSeconds per second since the first transaction was sent (its send time): how many were sent, and the
 *     longest latency among them end to end and per role; for start-up effects
 */
record StageLatencies(Percentiles endToEnd, Map<String, Percentiles> stages, List<long[]> firstSeconds,
    long explained) {

  /** Stage names and what they measure, in pipeline order. */
  static final Map<String, String> DESCRIPTIONS = descriptions();
  private static final int FIRST_SECONDS = 10;

  private static Map<String, String> descriptions() {
    Map<String, String> descriptions = new LinkedHashMap<>();
    descriptions.put("validator", "raw sent -> transactions readable");
    descriptions.put("validator_check", "  raw sent -> ingestTime (validated)");
    descriptions.put("validator_commit", "  ingestTime -> transactions readable");
    descriptions.put("features", "transactions -> features readable");
    descriptions.put("features_compute", "  transactions readable -> computedAt");
    descriptions.put("features_publish", "  computedAt -> features readable");
    descriptions.put("scorer", "features -> fraud-scores readable");
    descriptions.put("scorer_process", "  features readable -> scoredAt");
    descriptions.put("scorer_commit", "  scoredAt -> fraud-scores readable");
    return descriptions;
  }

  /** The latencies of the transactions numbered {@code from} and up that were scored. */
  static StageLatencies of(Observations seen, int from) {
    LatencyHistogram endToEnd = LatencyHistogram.microseconds();
    Map<String, LatencyHistogram> stages = new LinkedHashMap<>();
    DESCRIPTIONS.keySet().forEach(name -> stages.put(name, LatencyHistogram.microseconds()));
    long explained = 0;
    for (int n = from; n < seen.size; n++) {
      long sent = seen.sentMicros[n];
      long scored = seen.scoredMicros[n];
      if (sent == 0 || scored == 0) {
        continue;
      }
      endToEnd.record(Math.max(0, scored - sent));
      explained += seen.explained[n] ? 1 : 0;
      long validated = seen.validatedMicros[n];
      long featured = seen.featuredMicros[n];
      if (validated == 0 || featured == 0) {
        continue;
      }
      long ingest = seen.ingestMillis[n] * 1_000;
      long computed = seen.computedMillis[n] * 1_000;
      long scoredAt = seen.scoredAtMillis[n] * 1_000;
      record(stages, "validator", sent, validated);
      record(stages, "validator_check", sent, ingest);
      record(stages, "validator_commit", ingest, validated);
      record(stages, "features", validated, featured);
      record(stages, "features_compute", validated, computed);
      record(stages, "features_publish", computed, featured);
      record(stages, "scorer", featured, scored);
      record(stages, "scorer_process", featured, scoredAt);
      record(stages, "scorer_commit", scoredAt, scored);
    }
    Map<String, Percentiles> percentiles = new LinkedHashMap<>();
    stages.forEach((name, histogram) -> percentiles.put(name, histogram.percentiles()));
    return new StageLatencies(endToEnd.percentiles(), percentiles, firstSeconds(seen), explained);
  }

  private static void record(Map<String, LatencyHistogram> stages, String stage, long fromMicros, long toMicros) {
    stages.get(stage).record(Math.max(0, toMicros - fromMicros));
  }

  /**
   * For each of the first seconds of sending: {second, sent, then the longest latency in microseconds end to end,
   * in the validator, the feature job and the scorer (-1: one was never scored)}.
   */
  private static List<long[]> firstSeconds(Observations seen) {
    List<long[]> seconds = new ArrayList<>();
    if (seen.size == 0 || seen.sentMicros[0] == 0) {
      return seconds;
    }
    long start = seen.sentMicros[0];
    for (int n = 0; n < seen.size; n++) {
      long sent = seen.sentMicros[n];
      int second = (int) ((sent - start) / 1_000_000);
      if (sent == 0 || second >= FIRST_SECONDS) {
        break;
      }
      while (seconds.size() <= second) {
        seconds.add(new long[] {seconds.size(), 0, 0, 0, 0, 0});
      }
      long[] row = seconds.get(second);
      row[1]++;
      long scored = seen.scoredMicros[n];
      long validated = seen.validatedMicros[n];
      long featured = seen.featuredMicros[n];
      longest(row, 2, sent, scored);
      longest(row, 3, sent, validated);
      longest(row, 4, validated, featured);
      longest(row, 5, featured, scored);
    }
    return seconds;
  }

  /**
   * Keeps in {@code row[column]} the longest time from {@code fromMicros} to {@code toMicros}, as the stage table
   * counts it (a record one reader saw before another saw its input counts 0), or -1 once a record was not seen at
   * either end.
   */
  private static void longest(long[] row, int column, long fromMicros, long toMicros) {
    row[column] = fromMicros == 0 || toMicros == 0 || row[column] < 0 ? -1
        : Math.max(row[column], Math.max(0, toMicros - fromMicros));
  }
}
