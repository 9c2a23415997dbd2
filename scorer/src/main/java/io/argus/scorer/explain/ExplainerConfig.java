package io.argus.scorer.explain;

/**
 * How explanations are computed.
 *
 * @param exactMaxGroups up to this many groups, Shapley values are exact (every coalition); above, KernelSHAP
 * @param kernelSamples coalitions KernelSHAP samples (in complementary pairs)
 * @param individualEvents how many of the card's earlier transactions get a group of their own; older ones share one
 * @param backgroundSize the background sample is summarised to this many weighted representatives (0: use it whole)
 * @param topContributions how many contributions, largest magnitude first, a score record carries
 */
public record ExplainerConfig(
    int exactMaxGroups, int kernelSamples, int individualEvents, int backgroundSize, int topContributions) {

  public static final ExplainerConfig DEFAULTS = new ExplainerConfig(10, 2048, 3, 10, 5);

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
    if (backgroundSize < 0) {
      throw new IllegalArgumentException("backgroundSize must not be negative, got " + backgroundSize);
    }
    if (topContributions < 0) {
      throw new IllegalArgumentException("topContributions must not be negative, got " + topContributions);
    }
  }
}
