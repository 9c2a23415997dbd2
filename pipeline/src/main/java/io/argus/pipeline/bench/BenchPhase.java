package io.argus.pipeline.bench;

/**
 * The parts of a benchmark run whose transactions are told apart by their ids: the one transaction whose score says
 * the pipeline answers, the transactions offered at a fixed rate for latency, and the backlog drained for throughput.
 * An id is {@code <run id>-<letter><number>}.
 */
enum BenchPhase {
  FIRST('f'), LATENCY('l'), BACKLOG('b');

  private final char letter;

  BenchPhase(char letter) {
    this.letter = letter;
  }

  /** The id of transaction {@code number} of this phase in run {@code runId}. */
  String id(String runId, int number) {
    return runId + "-" + letter + number;
  }

  /** The phase of an id of run {@code runId}, or {@code null} when the id is not one of this run's. */
  static BenchPhase of(String runId, CharSequence id) {
    if (id.length() < runId.length() + 3 || id.charAt(runId.length()) != '-' || !startsWith(id, runId)) {
      return null;
    }
    char letter = id.charAt(runId.length() + 1);
    for (BenchPhase phase : values()) {
      if (phase.letter == letter) {
        return phase;
      }
    }
    return null;
  }

  /** The number in an id of this run (checked with {@link #of} first). */
  static int number(String runId, CharSequence id) {
    int value = 0;
    for (int i = runId.length() + 2; i < id.length(); i++) {
      value = value * 10 + (id.charAt(i) - '0');
    }
    return value;
  }

  private static boolean startsWith(CharSequence text, String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      if (text.charAt(i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
