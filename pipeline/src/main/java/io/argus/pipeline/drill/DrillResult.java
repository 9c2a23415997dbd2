package io.argus.pipeline.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a drill found: each kill with its recovery and stall, the scores' flow before any kill for comparison, and the
 * reconciliation. {@link #print} writes the table, the accounts, {@code lost=N duplicates=N}, and last one line of
 * JSON with the same figures.
 *
 * @param baselineGap the longest gap between scores of a partition in the 20 s before the first kill
 * @param baselineLatency the longest time from sending to score among the transactions of those 20 s
 * @param sent raw records the traffic sent; {@code refused} of them Kafka did not acknowledge
 * @param throughput what flowed from the steady state to the end of the traffic
 * @param unplannedExits the processes that exited without being killed (each restarted by the drill)
 */
public record DrillResult(DrillConfig config, List<KillResult> kills, Duration baselineGap, Duration baselineLatency,
    Reconciliation reconciliation, long sent, long refused, Duration firstScoreAfter, String jobJar,
    Throughput throughput, List<String> unplannedExits) {

  public DrillResult {
    unplannedExits = List.copyOf(unplannedExits);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * No record lost or doubled, every raw record acknowledged, no process exited without being killed, every stall
   * under the limit.
   */
  public boolean passed() {
    return reconciliation.lost() == 0 && reconciliation.duplicates() == 0 && refused == 0 && unplannedExits.isEmpty()
        && kills.stream().allMatch(kill -> kill.stall().compareTo(config.maxStall()) < 0);
  }

  public void print(PrintWriter out) {
    out.println();
    out.printf("%-4s %-13s %-22s %-56s %9s %9s %8s %11s%n", "kill", "kind", "process", "why that one", "at", "back",
        "stall", "max latency");
    for (KillResult kill : kills) {
      out.printf(Locale.ROOT, "%-4d %-13s %-22s %-56s %9s %9s %8s %11s%n", kill.number(), kill.target().flagName(),
          kill.process(), kill.why(), "+" + seconds(kill.at()), seconds(kill.back()), seconds(kill.stall()),
          seconds(kill.maxLatency()));
      if (kill.jobBack() != null) {
        out.printf("     the feature job ran again %s after the kill, restored from its last checkpoint%n",
            seconds(kill.jobBack()));
      }
    }
    out.printf("before any kill: longest gap between scores of a partition %s, longest send-to-score %s%n",
        seconds(baselineGap), seconds(baselineLatency));
    out.printf("back: the restarted process ready again; stall: the longest gap between two scores of one partition "
        + "of fraud-scores from the kill to the next (limit %s)%n", seconds(config.maxStall()));
    out.println();
    Reconciliation accounts = reconciliation;
    out.printf(Locale.ROOT, "raw records    %,d %s transactions %,d + dead letters %,d %s (%,d written again "
        + "after a restart: at-least-once, the readers keep the first)%n", accounts.raw(),
        accounts.rawBalances() ? "=" : "!=", accounts.transactions(), accounts.rawDeadLetters(),
        accounts.deadLettersByReason(), accounts.validatedAgain());
    out.printf(Locale.ROOT, "features       %,d of %,d transactions featured (%,d served again after the restore: "
        + "at-least-once, skipped by the scorer)%n", accounts.featured(), accounts.transactions(), accounts.servedAgain());
    out.printf(Locale.ROOT, "scores         %,d of %,d transactions scored (%,d scored again after a restart: "
        + "at-least-once, the readers keep the first)%n", accounts.scored(), accounts.transactions(),
        accounts.scoredAgain());
    out.printf(Locale.ROOT, "offline store  %,d of %,d transactions stored, %,d dead-lettered as too late%n",
        accounts.stored(), accounts.transactions(), accounts.late());
    String featureFlow = Double.isNaN(throughput.featuresPerSecond())
        ? "the feature job's rate not known (it restored a checkpoint, which restarts its counters)"
        : String.format(Locale.ROOT, "%.0f transactions a second through the feature job", throughput
            .featuresPerSecond());
    out.printf(Locale.ROOT, "flow           %.0f raw records a second sent, %.0f scores a second read (%d scorer "
        + "processes), %s (parallelism %d); sustained, from the first score to the last: %.0f scores a second%n",
        throughput.sentPerSecond(), throughput.scoresPerSecond(), config.scorers(), featureFlow, config.parallelism(),
        throughput.sustainedScoresPerSecond());
    if (!unplannedExits.isEmpty()) {
      out.printf("exited without being killed (restarted by the drill; see their logs): %s%n",
          String.join(", ", unplannedExits));
    }
    if (refused > 0) {
      out.printf(Locale.ROOT, "Kafka refused %,d of the %,d raw records sent%n", refused, sent);
    }
    accounts.problems().forEach(problem -> out.println("  " + problem));
    out.printf("lost=%d duplicates=%d%n", accounts.lost(), accounts.duplicates());
    out.println(json());
    out.flush();
  }

  /** The figures as one line of JSON. */
  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("lost", reconciliation.lost());
    root.put("duplicates", reconciliation.duplicates());
    List<Map<String, Object>> killList = new ArrayList<>();
    for (KillResult kill : kills) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("kind", kill.target().flagName());
      entry.put("process", kill.process());
      entry.put("atSeconds", round(kill.at()));
      entry.put("backSeconds", round(kill.back()));
      if (kill.jobBack() != null) {
        entry.put("jobBackSeconds", round(kill.jobBack()));
      }
      entry.put("stallSeconds", round(kill.stall()));
      entry.put("maxLatencySeconds", round(kill.maxLatency()));
      killList.add(entry);
    }
    root.put("kills", killList);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("raw", reconciliation.raw());
    counts.put("transactions", reconciliation.transactions());
    counts.put("deadLetters", reconciliation.rawDeadLetters());
    counts.put("deadLettersByReason", reconciliation.deadLettersByReason());
    counts.put("validatedAgain", reconciliation.validatedAgain());
    counts.put("featured", reconciliation.featured());
    counts.put("servedAgain", reconciliation.servedAgain());
    counts.put("scored", reconciliation.scored());
    counts.put("scoredAgain", reconciliation.scoredAgain());
    counts.put("stored", reconciliation.stored());
    counts.put("late", reconciliation.late());
    counts.put("sent", sent);
    counts.put("refused", refused);
    root.put("counts", counts);
    Map<String, Object> flow = new LinkedHashMap<>();
    flow.put("sentPerSecond", Math.round(throughput.sentPerSecond()));
    flow.put("scoresPerSecond", Math.round(throughput.scoresPerSecond()));
    flow.put("featuresPerSecond", Double.isNaN(throughput.featuresPerSecond()) ? null
        : Math.round(throughput.featuresPerSecond()));
    flow.put("seconds", round(throughput.window()));
    flow.put("sustainedScoresPerSecond", Math.round(throughput.sustainedScoresPerSecond()));
    root.put("throughput", flow);
    root.put("baselineGapSeconds", round(baselineGap));
    root.put("baselineLatencySeconds", round(baselineLatency));
    root.put("maxStallSeconds", round(config.maxStall()));
    root.put("tps", config.transactionsPerSecond());
    root.put("durationSeconds", config.duration().toSeconds());
    root.put("parallelism", config.parallelism());
    root.put("validators", config.validators());
    root.put("scorers", config.scorers());
    root.put("unplannedExits", unplannedExits);
    root.put("passed", passed());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the drill's figures as JSON", e);
    }
  }

  private static double round(Duration duration) {
    return Math.round(duration.toMillis() / 100.0) / 10.0;
  }

  private static String seconds(Duration duration) {
    return Drill.seconds(duration.toNanos());
  }
}
