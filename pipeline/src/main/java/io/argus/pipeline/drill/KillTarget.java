package io.argus.pipeline.drill;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of process the drill kills, one at a time, in this order by default. */
public enum KillTarget {
  /** The Kafka node that is the active controller: its leaderships and the controller move. */
  BROKER,
  /** The TaskManager running the most of the feature job's subtasks: the job restores from its checkpoint. */
  TASKMANAGER,
  /** The first scorer instance: its partitions wait for it, or go to the other instance. */
  SCORER,
  /** The first validator instance: its partitions go to another instance, or every transaction waits for it. */
  VALIDATOR;

  /** The name on the command line: {@code broker}, {@code taskmanager}, {@code scorer}, {@code validator}. */
  public String flagName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The target of a flag name.
   *
   * @throws IllegalArgumentException naming the known ones
   */
  public static KillTarget of(String name) {
    return Arrays.stream(values()).filter(target -> target.flagName().equals(name.trim().toLowerCase(Locale.ROOT)))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a process the drill kills; "
            + "choose from " + Arrays.stream(values()).map(KillTarget::flagName).toList()));
  }
}
