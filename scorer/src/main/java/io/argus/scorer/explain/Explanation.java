package io.argus.scorer.explain;

import io.argus.avro.Contribution;
import java.util.List;

/**
 * The SHAP explanation of one score: the base value (the expected score over the background) and one contribution
 * per group, largest magnitude first; {@code baseValue + sum of contributions == score}.
 */
public record Explanation(double baseValue, double score, List<Contribution> contributions) {

  public Explanation {
    contributions = List.copyOf(contributions);
  }

  /** The {@code count} contributions of largest magnitude. */
  public List<Contribution> top(int count) {
    return contributions.subList(0, Math.min(count, contributions.size()));
  }

  /** The contribution of the named group. */
  public double valueOf(String group) {
    return contributions.stream().filter(contribution -> contribution.getName().equals(group)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no group named " + group + " in " + contributions))
        .getValue();
  }
}
