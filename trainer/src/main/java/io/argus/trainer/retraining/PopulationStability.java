package io.argus.trainer.retraining;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The population stability index between a reference sample and a recent one:
 * {@code sum_i (a_i - e_i) ln(a_i / e_i)} over bins cut at the reference's quantiles, where {@code e_i} and
 * {@code a_i} are the reference and recent shares of bin i (an empty bin counts as {@link #EMPTY_SHARE}). Common
 * reading: below 0.1 stable, 0.1 to 0.25 a moderate shift, above 0.25 a significant one.
 */
public final class PopulationStability {

  /** Share given to an empty bin, so the logarithm stays finite. */
  static final double EMPTY_SHARE = 1e-4;

  private PopulationStability() {
  }

  public static double index(double[] reference, double[] recent, int bins) {
    if (bins < 2 || reference.length == 0 || recent.length == 0) {
      throw new IllegalArgumentException("population stability needs at least 2 bins and two non-empty samples, got "
          + bins + " bins, " + reference.length + " and " + recent.length + " values");
    }
    double[] edges = edges(reference, bins);
    double[] expected = shares(reference, edges);
    double[] actual = shares(recent, edges);
    double index = 0;
    for (int bin = 0; bin < expected.length; bin++) {
      double e = Math.max(expected[bin], EMPTY_SHARE);
      double a = Math.max(actual[bin], EMPTY_SHARE);
      index += (a - e) * Math.log(a / e);
    }
    return index;
  }

  /** The distinct inner bin edges at the reference's quantiles 1/bins ... (bins-1)/bins. */
  static double[] edges(double[] reference, int bins) {
    double[] sorted = reference.clone();
    Arrays.sort(sorted);
    return IntStream.range(1, bins)
        .mapToDouble(k -> sorted[(int) ((long) k * sorted.length / bins)])
        .distinct()
        .toArray();
  }

  /** The share of values in each bin; bin i holds values in [edge_(i-1), edge_i). */
  static double[] shares(double[] values, double[] edges) {
    double[] shares = new double[edges.length + 1];
    for (double value : values) {
      int bin = Arrays.binarySearch(edges, value);
      shares[bin >= 0 ? bin + 1 : -bin - 1] += 1.0 / values.length;
    }
    return shares;
  }
}
