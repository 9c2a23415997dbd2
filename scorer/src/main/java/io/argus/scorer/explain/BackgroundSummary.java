package io.argus.scorer.explain;

import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Summarises a background sample to a few weighted representatives, which divides the cost of an explanation by
 * the same factor: k-means (k-means++ seeding with a fixed seed, so the summary is reproducible) over what the model
 * sees and says — the standardised static values, the sequence encoding and the score — then, per cluster, the
 * member nearest its centroid, weighted by the cluster's size. Representatives are real rows (medoids, not averages), so each keeps a
 * real card history of its own length.
 */
public final class BackgroundSummary {

  private static final long SEED = 42;
  private static final int MAX_ITERATIONS = 50;

  private BackgroundSummary() {
  }

  /**
   * At most {@code size} weighted rows standing for {@code rows}; all of them, equally weighted, when {@code size} is
   * 0 or not smaller than the sample.
   */
  public static Background summarise(FraudModel model, List<ModelInput> rows, int size) {
    if (size == 0 || size >= rows.size()) {
      return Background.of(model, rows);
    }
    double[][] points = features(model, rows);
    double[][] centroids = seeds(points, size, new SplittableRandom(SEED));
    int[] cluster = new int[points.length];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      boolean changed = assign(points, centroids, cluster);
      centroids = means(points, cluster, centroids);
      if (!changed && iteration > 0) {
        break;
      }
    }
    List<ModelInput> representatives = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (int c = 0; c < centroids.length; c++) {
      int nearest = -1;
      int members = 0;
      for (int point = 0; point < points.length; point++) {
        if (cluster[point] == c) {
          members++;
          if (nearest < 0 || distance(points[point], centroids[c]) < distance(points[nearest], centroids[c])) {
            nearest = point;
          }
        }
      }
      if (members > 0) {
        representatives.add(rows.get(nearest));
        weights.add((double) members);
      }
    }
    return Background.of(model, representatives, weights.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * Each row as the clustering sees it: standardised static values, sequence encoding and score, the score weighted
   * as much as all the other dimensions together, so that clusters do not mix high and low scores (a medoid of a
   * mixed cluster is a typical, low-scoring row, and the summary would lose the frauds and shift the base value).
   */
  private static double[][] features(FraudModel model, List<ModelInput> rows) {
    double[][] points = new double[rows.size()][];
    for (int row = 0; row < points.length; row++) {
      double[] values = rows.get(row).values();
      double[] encoding = model.encodeSequence(rows.get(row).sequence()).clone();
      points[row] = new double[values.length + encoding.length + 1];
      System.arraycopy(values, 0, points[row], 0, values.length);
      System.arraycopy(encoding, 0, points[row], values.length, encoding.length);
      points[row][points[row].length - 1] = model.scoreEncoded(encoding, values);
    }
    standardise(points);
    double scoreWeight = Math.sqrt(points[0].length - 1);
    for (double[] point : points) {
      point[point.length - 1] *= scoreWeight;
    }
    return points;
  }

  private static void standardise(double[][] points) {
    int dimensions = points[0].length;
    for (int dimension = 0; dimension < dimensions; dimension++) {
      double sum = 0;
      double sumOfSquares = 0;
      for (double[] point : points) {
        sum += point[dimension];
        sumOfSquares += point[dimension] * point[dimension];
      }
      double mean = sum / points.length;
      double deviation = Math.sqrt(Math.max(0, sumOfSquares / points.length - mean * mean));
      for (double[] point : points) {
        point[dimension] = deviation > 1e-12 ? (point[dimension] - mean) / deviation : 0;
      }
    }
  }

  /** k-means++: each next seed drawn with probability proportional to its squared distance to the nearest seed. */
  private static double[][] seeds(double[][] points, int count, SplittableRandom random) {
    double[][] seeds = new double[count][];
    seeds[0] = points[random.nextInt(points.length)].clone();
    double[] nearest = new double[points.length];
    for (int seed = 1; seed < count; seed++) {
      double total = 0;
      for (int point = 0; point < points.length; point++) {
        nearest[point] = Double.MAX_VALUE;
        for (int chosen = 0; chosen < seed; chosen++) {
          nearest[point] = Math.min(nearest[point], distance(points[point], seeds[chosen]));
        }
        total += nearest[point];
      }
      double draw = random.nextDouble() * total;
      int pick = 0;
      for (double cumulative = nearest[0]; cumulative < draw && pick < points.length - 1; ) {
        cumulative += nearest[++pick];
      }
      seeds[seed] = points[pick].clone();
    }
    return seeds;
  }

  private static boolean assign(double[][] points, double[][] centroids, int[] cluster) {
    boolean changed = false;
    for (int point = 0; point < points.length; point++) {
      int best = 0;
      for (int c = 1; c < centroids.length; c++) {
        if (distance(points[point], centroids[c]) < distance(points[point], centroids[best])) {
          best = c;
        }
      }
      changed |= cluster[point] != best;
      cluster[point] = best;
    }
    return changed;
  }

  private static double[][] means(double[][] points, int[] cluster, double[][] previous) {
    double[][] sums = new double[previous.length][points[0].length];
    int[] counts = new int[previous.length];
    for (int point = 0; point < points.length; point++) {
      counts[cluster[point]]++;
      for (int dimension = 0; dimension < points[point].length; dimension++) {
        sums[cluster[point]][dimension] += points[point][dimension];
      }
    }
    for (int c = 0; c < sums.length; c++) {
      if (counts[c] == 0) {
        sums[c] = previous[c];
      } else {
        for (int dimension = 0; dimension < sums[c].length; dimension++) {
          sums[c][dimension] /= counts[c];
        }
      }
    }
    return sums;
  }

  private static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double difference = a[i] - b[i];
      sum += difference * difference;
    }
    return sum;
  }
}
