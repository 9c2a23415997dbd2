package io.argus.pipeline.drill;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The drill's accounts, settled record by record: every raw record ends as a transaction or a dead letter (a
 * transaction id sent twice becomes one transaction and one {@code DUPLICATE}; the validator writes at least once, so
 * after its restart a transaction or a dead letter may be written again, a copy the readers drop: counted apart as
 * {@code validatedAgain}, and the transactions and dead letters are counted without copies), every transaction has a
 * feature vector (at least one: the feature job's Kafka output is at-least-once and a restore serves again), a score
 * (at least one: the scorer writes at least once, and after a restart scores again what it read since its last
 * commit; the readers keep the first), and exactly one row in the offline store unless the feature job dead-lettered
 * it as too late for the store. Anything missing is lost; anything more than once that is not a copy (a stored row
 * twice, a raw record both accepted and dead-lettered, a transaction or a score no raw record explains) is a
 * duplicate.
 *
 * @param problems what did not reconcile, one line each with a few example ids
 */
record Reconciliation(long raw, long transactions, long rawDeadLetters, long validatedAgain,
    Map<String, Long> deadLettersByReason, long featured, long servedAgain, long scored, long scoredAgain, long stored,
    long late, long lost, long duplicates, List<String> problems) {

  private static final int EXAMPLES = 5;

  /** Where a raw record is. */
  record RawPosition(int partition, long offset) {
  }

  /**
   * What the drill read back at the end.
   *
   * @param raw the transaction id of every record of {@code transactions-raw}
   * @param transactions records of {@code transactions} per transaction id
   * @param rawDeadLetters dead letters per raw record they came from
   * @param deadLettersByReason the raw records' dead letters by reason, copies not counted
   * @param features vectors on {@code features} per transaction id
   * @param scores scores on {@code fraud-scores} per transaction id
   * @param stored rows of the offline store per transaction id
   * @param late transaction ids the feature job dead-lettered as {@code LATE_EVENT}
   */
  record Inputs(Map<RawPosition, String> raw, Map<String, Integer> transactions,
      Map<RawPosition, Integer> rawDeadLetters, Map<String, Long> deadLettersByReason, Map<String, Integer> features,
      Map<String, Integer> scores, Map<String, Integer> stored, Set<String> late) {
  }

  static Reconciliation of(Inputs in) {
    Accounts accounts = new Accounts();
    Map<String, List<RawPosition>> copies = new HashMap<>();
    in.raw().forEach((position, id) -> copies.computeIfAbsent(id, ignored -> new ArrayList<>()).add(position));
    copies.forEach((id, positions) -> accounts.raw(id, positions, in));
    in.transactions().keySet().stream().filter(id -> !copies.containsKey(id))
        .forEach(id -> accounts.duplicate("transactions whose id is on no raw record", id, in.transactions().get(id)));
    in.rawDeadLetters().keySet().stream().filter(position -> !in.raw().containsKey(position))
        .forEach(position -> accounts.duplicate("dead letters naming no raw record", position.toString(),
            in.rawDeadLetters().get(position)));
    long servedAgain = 0;
    long scoredAgain = 0;
    for (String id : in.transactions().keySet()) {
      int features = in.features().getOrDefault(id, 0);
      servedAgain += Math.max(0, features - 1);
      if (features == 0) {
        accounts.lost("transactions without a feature vector", id);
      }
      int scores = in.scores().getOrDefault(id, 0);
      scoredAgain += Math.max(0, scores - 1);
      if (scores == 0) {
        accounts.lost("transactions without a score", id);
      }
      int stored = in.stored().getOrDefault(id, 0);
      boolean late = in.late().contains(id);
      if (stored == 0 && !late) {
        accounts.lost("transactions missing from the offline store", id);
      } else if (stored > 1 || stored == 1 && late) {
        accounts.duplicate("transactions stored more than once", id, late ? stored : stored - 1);
      }
    }
    in.scores().keySet().stream().filter(id -> !in.transactions().containsKey(id))
        .forEach(id -> accounts.duplicate("scores of no transaction", id, in.scores().get(id)));
    long writtenAgain = in.transactions().values().stream().mapToLong(count -> count - 1).sum()
        + in.rawDeadLetters().values().stream().mapToLong(count -> count - 1).sum();
    return new Reconciliation(in.raw().size(), in.transactions().size(), in.rawDeadLetters().size(), writtenAgain,
        new TreeMap<>(in.deadLettersByReason()), count(in.features(), in.transactions().keySet()), servedAgain,
        count(in.scores(), in.transactions().keySet()), scoredAgain, count(in.stored(), in.transactions().keySet()),
        in.late().size(), accounts.lost, accounts.duplicates, accounts.problems());
  }

  /** Whether raw = transactions + dead letters holds as a sum, copies apart. */
  boolean rawBalances() {
    return raw == transactions + rawDeadLetters;
  }

  private static long count(Map<String, Integer> counts, Set<String> transactions) {
    return transactions.stream().filter(id -> counts.getOrDefault(id, 0) > 0).count();
  }

  /** Running totals and the problems found, with a few example ids each. */
  private static final class Accounts {
    private final Map<String, List<String>> examples = new TreeMap<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private long lost;
    private long duplicates;

    /**
     * The raw records of one transaction id: one transaction, the rest dead letters (a transaction or a dead letter
     * written more than once is a copy, counted apart).
     */
    void raw(String id, List<RawPosition> positions, Inputs in) {
      int deadLettered = 0;
      for (RawPosition position : positions) {
        deadLettered += Math.min(in.rawDeadLetters().getOrDefault(position, 0), 1);
      }
      int accepted = Math.min(in.transactions().getOrDefault(id, 0), 1);
      int outcomes = accepted + deadLettered;
      if (outcomes < positions.size()) {
        lost("raw records neither validated nor dead-lettered", id, positions.size() - outcomes);
      } else if (outcomes > positions.size()) {
        duplicate("raw records both validated and dead-lettered", id, outcomes - positions.size());
      }
    }

    void lost(String what, String id) {
      lost(what, id, 1);
    }

    void lost(String what, String id, long count) {
      lost += count;
      note("lost: " + what, id, count);
    }

    void duplicate(String what, String id, long count) {
      duplicates += count;
      note("duplicates: " + what, id, count);
    }

    private void note(String what, String id, long count) {
      counts.merge(what, count, Long::sum);
      List<String> ids = examples.computeIfAbsent(what, ignored -> new ArrayList<>());
      if (ids.size() < EXAMPLES) {
        ids.add(id);
      }
    }

    List<String> problems() {
      List<String> lines = new ArrayList<>();
      counts.forEach((what, count) -> lines.add(what + ": " + count + " (for example " + String.join(", ",
          examples.get(what)) + ")"));
      return lines;
    }
  }
}
