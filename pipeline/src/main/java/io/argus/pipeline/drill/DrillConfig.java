package io.argus.pipeline.drill;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a drill does: the rate and duration of the traffic, the feature job's parallelism, the validator and scorer
 * instances, the processes it kills, the stall it tolerates, where it works, and settings over the defaults of the
 * brokers, the Flink cluster and the Kafka Streams instances (for measuring alternatives).
 *
 * @param duration how long transactions flow after the first score; the kills are spread evenly over it
 * @param jobJar the feature-job jar to submit, or null to find or build it
 * @param maxStall a kill whose stall reaches this fails the drill
 */
public record DrillConfig(double transactionsPerSecond, Duration duration, int parallelism, int validators,
    int scorers, List<KillTarget> kills, Duration maxStall, Path workDirectory, Path jobJar, long seed,
    Map<String, String> brokerOverrides, Map<String, String> flinkOverrides, Map<String, String> streamsOverrides) {

  /** The shortest time between two kills (and after the last): long enough to see a stall end and flow resume. */
  public static final Duration MIN_KILL_SPACING = Duration.ofSeconds(20);
  public static final int TASK_MANAGERS = 2;
  public static final int SLOTS_PER_TASK_MANAGER = 2;
  public static final int KAFKA_NODES = 3;

  public DrillConfig {
    kills = List.copyOf(kills);
    brokerOverrides = Map.copyOf(brokerOverrides);
    flinkOverrides = Map.copyOf(flinkOverrides);
    streamsOverrides = Map.copyOf(streamsOverrides);
    if (!(transactionsPerSecond > 0)) {
      throw new IllegalArgumentException("--tps must be more than 0, got " + transactionsPerSecond);
    }
    if (parallelism < 1 || parallelism > SLOTS_PER_TASK_MANAGER) {
      throw new IllegalArgumentException("--parallelism must be between 1 and " + SLOTS_PER_TASK_MANAGER
          + " (the job must fit on one TaskManager when the other is killed), got " + parallelism);
    }
    if (validators < 1) {
      throw new IllegalArgumentException("--validators must be at least 1, got " + validators);
    }
    if (scorers < 1) {
      throw new IllegalArgumentException("--scorers must be at least 1, got " + scorers);
    }
    if (kills.size() != kills.stream().distinct().count()) {
      throw new IllegalArgumentException("--kill names a process kind twice: " + kills);
    }
    Duration shortest = MIN_KILL_SPACING.multipliedBy(kills.size() + 1L);
    if (duration.compareTo(shortest) < 0) {
      throw new IllegalArgumentException("--duration must be at least " + shortest.toSeconds() + "s for "
          + kills.size() + " kills (" + MIN_KILL_SPACING.toSeconds() + "s before each kill and after the last), got "
          + duration.toSeconds() + "s");
    }
    if (maxStall.isNegative() || maxStall.isZero()) {
      throw new IllegalArgumentException("--max-stall must be more than zero, got " + maxStall);
    }
  }

  /** The time between two kills: the duration split evenly, the last kill followed by as long as the others. */
  public Duration killSpacing() {
    return duration.dividedBy(kills.size() + 1L);
  }
}
