package io.argus.pipeline.bench;

/**
 * How fast the pipeline drained the backlog: per topic, transactions that became readable per second between the
 * first and the last of them (steady state: the pipeline's start and filling are left out); end to end, that of
 * {@code fraud-scores}, which a pipelined run gets from its slowest stage.
 *
 * @param backlog raw records written
 * @param scored how many were scored
 * @param secondsToLastScore from the backlog's first record sent to its last score
 */
record Drain(int backlog, int scored, double validatedPerSecond, double featuredPerSecond, double scoredPerSecond,
    double secondsToLastScore) {

  private static final Drain NONE = new Drain(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** The drain of the backlog {@code seen}, timed from its first record's send; {@link #NONE} for no backlog. */
  static Drain of(Observations seen) {
    if (seen.size == 0) {
      return NONE;
    }
    long[] scoredSpan = Observations.span(seen.scoredMicros);
    return new Drain(seen.size, seen.scored.get(), rate(seen.validatedMicros), rate(seen.featuredMicros),
        rate(seen.scoredMicros), scoredSpan == null ? Double.NaN : (scoredSpan[1] - seen.sentMicros[0]) / 1e6);
  }

  private static double rate(long[] times) {
    long[] span = Observations.span(times);
    long count = 0;
    for (long time : times) {
      count += time == 0 ? 0 : 1;
    }
    return span == null || span[1] == span[0] ? Double.NaN : (count - 1) / ((span[1] - span[0]) / 1e6);
  }
}
