package io.argus.scorer.explain;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * KernelSHAP (Lundberg and Lee, 2017) for more groups than exact enumeration can afford: coalitions are sampled
 * from the Shapley kernel (a size {@code k} with probability proportional to {@code (n - 1) / (k (n - k))}, then a
 * uniform subset of that size), each with its complement (paired sampling halves the variance), and the values come
 * from the least-squares fit of {@code v(S) - v(empty)} on the coalition indicators under the efficiency constraint
 * {@code sum(phi) = v(all) - v(empty)}, which is solved exactly by eliminating the last group. Local accuracy
 * therefore holds to rounding, and for an additive model the fit is exact.
 */
final class KernelShap {

  private KernelShap() {
  }

  /**
   * @param samples coalitions to sample (at least four per group are drawn whatever is asked; see
   *     {@link ExplainerConfig#coalitions})
   * @param seed the sampler's seed: the same input gives the same explanation
   */
  static ShapleyValues compute(CoalitionValues values, int groups, int samples, long seed) {
    long full = (1L << groups) - 1;
    long[] sampled = sample(groups, Math.max(samples, 4 * groups), new SplittableRandom(seed));
    long[] coalitions = new long[sampled.length + 2];
    System.arraycopy(sampled, 0, coalitions, 2, sampled.length);
    coalitions[1] = full;
    long[] distinct = Arrays.stream(coalitions).sorted().distinct().toArray();
    double[] distinctValues = new double[distinct.length];
    values.evaluate(distinct, distinctValues);
    double baseValue = distinctValues[0];
    double score = distinctValues[distinct.length - 1];
    if (groups == 1) {
      return new ShapleyValues(new double[] {score - baseValue}, baseValue, score);
    }

    int last = groups - 1;
    double total = score - baseValue;
    double[][] normal = new double[last][last];
    double[] target = new double[last];
    double[] indicators = new double[last];
    for (long coalition : sampled) {
      double lastIndicator = (coalition >>> last) & 1;
      double response = distinctValues[Arrays.binarySearch(distinct, coalition)] - baseValue - lastIndicator * total;
      for (int group = 0; group < last; group++) {
        indicators[group] = ((coalition >>> group) & 1) - lastIndicator;
      }
      for (int row = 0; row < last; row++) {
        target[row] += indicators[row] * response;
        for (int column = 0; column < last; column++) {
          normal[row][column] += indicators[row] * indicators[column];
        }
      }
    }
    double[] phi = Arrays.copyOf(solve(normal, target), groups);
    phi[last] = total - Arrays.stream(phi, 0, last).sum();
    return new ShapleyValues(phi, baseValue, score);
  }

  /** {@code count} coalitions (rounded up to even), as pairs of a kernel-sampled subset and its complement. */
  static long[] sample(int groups, int count, SplittableRandom random) {
    double[] cumulative = new double[groups - 1];
    double sum = 0;
    for (int size = 1; size < groups; size++) {
      sum += (groups - 1.0) / (size * (double) (groups - size));
      cumulative[size - 1] = sum;
    }
    long full = (1L << groups) - 1;
    int[] order = new int[groups];
    long[] coalitions = new long[count + (count & 1)];
    for (int pair = 0; pair < coalitions.length; pair += 2) {
      double draw = random.nextDouble() * sum;
      int size = 1;
      while (size < groups - 1 && cumulative[size - 1] < draw) {
        size++;
      }
      for (int i = 0; i < groups; i++) {
        order[i] = i;
      }
      long coalition = 0;
      for (int i = 0; i < size; i++) {
        int pick = i + random.nextInt(groups - i);
        int group = order[pick];
        order[pick] = order[i];
        order[i] = group;
        coalition |= 1L << group;
      }
      coalitions[pair] = coalition;
      coalitions[pair + 1] = full ^ coalition;
    }
    return coalitions;
  }

  /** Solves {@code a x = b} by Gaussian elimination with partial pivoting; {@code a} and {@code b} are overwritten. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int column = 0; column < n; column++) {
      int pivot = column;
      for (int row = column + 1; row < n; row++) {
        if (Math.abs(a[row][column]) > Math.abs(a[pivot][column])) {
          pivot = row;
        }
      }
      if (Math.abs(a[pivot][column]) < 1e-12) {
        throw new IllegalStateException("KernelSHAP regression is singular at group " + column
            + ": sample more coalitions");
      }
      double[] swapRow = a[column];
      a[column] = a[pivot];
      a[pivot] = swapRow;
      double swapValue = b[column];
      b[column] = b[pivot];
      b[pivot] = swapValue;
      for (int row = column + 1; row < n; row++) {
        double factor = a[row][column] / a[column][column];
        b[row] -= factor * b[column];
        for (int k = column; k < n; k++) {
          a[row][k] -= factor * a[column][k];
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = b[row];
      for (int k = row + 1; k < n; k++) {
        sum -= a[row][k] * x[k];
      }
      x[row] = sum / a[row][row];
    }
    return x;
  }
}
