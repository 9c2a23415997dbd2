package io.argus.scorer.explain;

/**
 * How explanations are computed.
 *
 * @param exactMaxGroups up to this many groups, Shapley values are exact (every coalition); above, KernelSHAP
 * @param kernelSamples coalitions KernelSHAP samples (in complementary pairs)
 * @param individualEvents how many of the card's earlier transactions get a group of their own; older ones share one
 * @param evaluationBudget how many model (head) evaluations one explanation may cost: the background sample is
 *     summarised to as many weighted representatives as the coalitions leave room for (at least one)
 * @param topContributions how many contributions, largest magnitude first, a score record carries
 */
public record ExplainerConfig(
    int exactMaxGroups, int kernelSamples, int individualEvents, int evaluationBudget, int topContributions) {

  /** Earlier transactions with a group of their own: with five static groups, nine groups for sequence models. */
  public static final int DEFAULT_INDIVIDUAL_EVENTS = 2;
  /**
   * Model evaluations per explanation: two background representatives for a sequence model (512 coalitions), 32 for
   * the MLP (32 coalitions). An explanation of the standard LSTM then takes about 1 ms of CPU (the scorer's README,
   * Measured).
   */
  public static final int DEFAULT_EVALUATION_BUDGET = 1024;
  public static final ExplainerConfig DEFAULTS = new ExplainerConfig(10, 2048, DEFAULT_INDIVIDUAL_EVENTS,
      DEFAULT_EVALUATION_BUDGET, 5);

  public ExplainerConfig {
    if (exactMaxGroups < 1 || exactMaxGroups > 20) {
      throw new IllegalArgumentException("exactMaxGroups must be between 1 and 20, got " + exactMaxGroups);
    }
    if (kernelSamples < 2) {
      throw new IllegalArgumentException("kernelSamples must be at least 2, got " + kernelSamples);
    }
    if (individualEvents < 0) {
      throw new IllegalArgumentException("individualEvents must not be negative, got " + individualEvents);
    }
    if (evaluationBudget < 1) {
      throw new IllegalArgumentException("evaluationBudget must be positive, got " + evaluationBudget);
    }
    if (topContributions < 0) {
      throw new IllegalArgumentException("topContributions must not be negative, got " + topContributions);
    }
  }

  /** The same configuration with another evaluation budget. */
  public ExplainerConfig withEvaluationBudget(int budget) {
    return new ExplainerConfig(exactMaxGroups, kernelSamples, individualEvents, budget, topContributions);
  }

  /** How many coalitions an explanation over {@code groups} groups evaluates. */
  public int coalitions(int groups) {
    return groups <= exactMaxGroups ? 1 << groups : Math.max(kernelSamples, 4 * groups) + 2;
  }

  /** How many background representatives the budget affords for {@code groups} groups (at least one). */
  public int backgroundSize(int groups) {
    return Math.max(1, evaluationBudget / coalitions(groups));
  }
}
