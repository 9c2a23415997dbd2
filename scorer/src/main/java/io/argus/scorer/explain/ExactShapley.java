package io.argus.scorer.explain;

/**
 * Exact Shapley values by enumerating every coalition: {@code 2^n} evaluations of the value function, so only for a
 * handful of groups. {@code phi_i = sum over S without i of |S|! (n - |S| - 1)! / n! * (v(S + i) - v(S))}.
 */
final class ExactShapley {

  private ExactShapley() {
  }

  static ShapleyValues compute(CoalitionValues values, int groups) {
    int coalitions = 1 << groups;
    long[] masks = new long[coalitions];
    for (int mask = 0; mask < coalitions; mask++) {
      masks[mask] = mask;
    }
    double[] value = new double[coalitions];
    values.evaluate(masks, value);
    return new ShapleyValues(shapley(value, groups), value[0], value[coalitions - 1]);
  }

  /** Shapley values from the value of every coalition, {@code value[mask]}. */
  static double[] shapley(double[] value, int groups) {
    double[] weightBySize = new double[groups];
    for (int size = 0; size < groups; size++) {
      weightBySize[size] = 1.0 / (groups * binomial(groups - 1, size));
    }
    double[] phi = new double[groups];
    for (int mask = 0; mask < value.length; mask++) {
      int size = Integer.bitCount(mask);
      if (size == groups) {
        continue;
      }
      for (int group = 0; group < groups; group++) {
        int bit = 1 << group;
        if ((mask & bit) == 0) {
          phi[group] += weightBySize[size] * (value[mask | bit] - value[mask]);
        }
      }
    }
    return phi;
  }

  private static double binomial(int n, int k) {
    double result = 1;
    for (int i = 1; i <= k; i++) {
      result = result * (n - k + i) / i;
    }
    return result;
  }
}
