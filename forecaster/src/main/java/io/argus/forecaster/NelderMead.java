package io.argus.forecaster;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/**
 * The Nelder-Mead downhill simplex: minimises a function of a few unbounded variables without derivatives. A value
 * that is not finite counts as infinitely bad, so an unstable parameter region is simply avoided.
 */
final class NelderMead {

  private static final double REFLECTION = 1.0;
  private static final double EXPANSION = 2.0;
  private static final double CONTRACTION = 0.5;
  private static final double SHRINK = 0.5;

  private NelderMead() {
  }

  /** The point found from {@code start}, after at most {@code maxEvaluations} calls or once values agree to 1e-10. */
  static double[] minimise(ToDoubleFunction<double[]> function, double[] start, double initialStep,
      int maxEvaluations) {
    int dimensions = start.length;
    double[][] simplex = new double[dimensions + 1][];
    double[] values = new double[dimensions + 1];
    simplex[0] = start.clone();
    for (int i = 0; i < dimensions; i++) {
      simplex[i + 1] = start.clone();
      simplex[i + 1][i] += initialStep;
    }
    int evaluations = 0;
    for (int i = 0; i <= dimensions; i++) {
      values[i] = evaluate(function, simplex[i]);
      evaluations++;
    }
    Integer[] order = new Integer[dimensions + 1];
    while (evaluations < maxEvaluations) {
      for (int i = 0; i <= dimensions; i++) {
        order[i] = i;
      }
      double[] currentValues = values;
      Arrays.sort(order, Comparator.comparingDouble(i -> currentValues[i]));
      double[][] sortedSimplex = new double[dimensions + 1][];
      double[] sortedValues = new double[dimensions + 1];
      for (int i = 0; i <= dimensions; i++) {
        sortedSimplex[i] = simplex[order[i]];
        sortedValues[i] = values[order[i]];
      }
      simplex = sortedSimplex;
      values = sortedValues;
      double best = values[0];
      double worst = values[dimensions];
      if (Math.abs(worst - best) <= 1e-10 * (Math.abs(best) + 1e-30)) {
        break;
      }
      double[] centroid = new double[dimensions];
      for (int i = 0; i < dimensions; i++) {
        for (int d = 0; d < dimensions; d++) {
          centroid[d] += simplex[i][d] / dimensions;
        }
      }
      double[] reflected = along(centroid, simplex[dimensions], -REFLECTION);
      double reflectedValue = evaluate(function, reflected);
      evaluations++;
      if (reflectedValue < values[0]) {
        double[] expanded = along(centroid, simplex[dimensions], -EXPANSION);
        double expandedValue = evaluate(function, expanded);
        evaluations++;
        boolean expansionBetter = expandedValue < reflectedValue;
        simplex[dimensions] = expansionBetter ? expanded : reflected;
        values[dimensions] = expansionBetter ? expandedValue : reflectedValue;
      } else if (reflectedValue < values[dimensions - 1]) {
        simplex[dimensions] = reflected;
        values[dimensions] = reflectedValue;
      } else {
        double[] contracted = along(centroid, simplex[dimensions], CONTRACTION);
        double contractedValue = evaluate(function, contracted);
        evaluations++;
        if (contractedValue < values[dimensions]) {
          simplex[dimensions] = contracted;
          values[dimensions] = contractedValue;
        } else {
          for (int i = 1; i <= dimensions; i++) {
            simplex[i] = along(simplex[0], simplex[i], SHRINK);
            values[i] = evaluate(function, simplex[i]);
            evaluations++;
          }
        }
      }
    }
    int bestIndex = 0;
    for (int i = 1; i <= dimensions; i++) {
      if (values[i] < values[bestIndex]) {
        bestIndex = i;
      }
    }
    return simplex[bestIndex];
  }

  /** {@code from + factor * (towards - from)}. */
  private static double[] along(double[] from, double[] towards, double factor) {
    double[] point = new double[from.length];
    for (int d = 0; d < from.length; d++) {
      point[d] = from[d] + factor * (towards[d] - from[d]);
    }
    return point;
  }

  private static double evaluate(ToDoubleFunction<double[]> function, double[] point) {
    double value = function.applyAsDouble(point);
    return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
  }
}
