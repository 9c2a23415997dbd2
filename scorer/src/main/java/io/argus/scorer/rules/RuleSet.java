package io.argus.scorer.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The rules in force at one moment, immutable, ordered by id. The follower builds a new set for every change and the
 * scorer swaps one reference ({@link RuleHolder}), so a transaction is evaluated against one whole set, never half of
 * an update. Evaluation never throws: a rule that fails on a transaction (an index past the sequence, an integer
 * division by zero) does not fire, and the listener is told.
 */
public final class RuleSet {

  public static final RuleSet EMPTY = new RuleSet(List.of());

  private final List<CompiledRule> rules;

  public RuleSet(Collection<CompiledRule> rules) {
    List<CompiledRule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparing(CompiledRule::id));
    this.rules = List.copyOf(sorted);
  }

  public List<CompiledRule> rules() {
    return rules;
  }

  public int size() {
    return rules.size();
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The rules that hold for {@code facts}, in id order (empty, without allocating, when there are no rules). */
  public List<RuleHit> evaluate(RuleFacts facts, RuleListener listener) {
    if (rules.isEmpty()) {
      return List.of();
    }
    List<RuleHit> hits = null;
    for (CompiledRule rule : rules) {
      boolean holds;
      try {
        holds = rule.holds(facts);
      } catch (Exception e) {
        listener.failed(rule, e);
        continue;
      }
      if (holds) {
        listener.held(rule);
        if (hits == null) {
          hits = new ArrayList<>(2);
        }
        hits.add(RuleHit.of(rule));
      }
    }
    return hits == null ? List.of() : List.copyOf(hits);
  }
}
