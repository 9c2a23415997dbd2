package io.argus.pipeline.drill;

import java.time.Duration;

/**
 * One kill and what followed: which process, why that one, when ({@code at}: since the traffic started), how long
 * until the restarted process was ready again ({@code back}), for a TaskManager how long until the feature job ran
 * again ({@code jobBack}, null otherwise), and, measured on the scores, the {@code stall} ({@link Stalls}) and the
 * longest time from sending a raw record to reading its score among the transactions sent from the kill until the
 * next one ({@code maxLatency}).
 */
record KillResult(int number, KillTarget target, String process, String why, Duration at, Duration back,
    Duration jobBack, Duration stall, Duration maxLatency) {

  KillResult withScores(Duration measuredStall, Duration measuredMaxLatency) {
    return new KillResult(number, target, process, why, at, back, jobBack, measuredStall, measuredMaxLatency);
  }
}
