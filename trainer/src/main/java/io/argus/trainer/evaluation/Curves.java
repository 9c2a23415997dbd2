package io.argus.trainer.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * ROC and precision-recall curves as points for the report's plots, one point per distinct score threshold (highest
 * first), thinned to at most {@link #MAXIMUM_POINTS}.
 */
public final class Curves {

  static final int MAXIMUM_POINTS = 2000;

  private Curves() {
  }

  /** A point of a curve: x and y in [0, 1]. */
  public record Point(double x, double y) {
  }

  /** (false positive rate, true positive rate) from (0, 0) to (1, 1). */
  public static List<Point> roc(double[] scores, boolean[] frauds) {
    return sweep(scores, frauds, true);
  }

  /** (recall, precision) per threshold. */
  public static List<Point> precisionRecall(double[] scores, boolean[] frauds) {
    return sweep(scores, frauds, false);
  }

  private static List<Point> sweep(double[] scores, boolean[] frauds, boolean roc) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
    long positives = 0;
    for (boolean fraud : frauds) {
      positives += fraud ? 1 : 0;
    }
    long negatives = scores.length - positives;
    List<Point> points = new ArrayList<>();
    if (roc) {
      points.add(new Point(0, 0));
    }
    long truePositives = 0;
    long falsePositives = 0;
    for (int i = 0; i < order.length; i++) {
      if (frauds[order[i]]) {
        truePositives++;
      } else {
        falsePositives++;
      }
      boolean thresholdEnds = i == order.length - 1 || scores[order[i + 1]] != scores[order[i]];
      if (thresholdEnds) {
        points.add(roc
            ? new Point(negatives == 0 ? 0 : (double) falsePositives / negatives,
                positives == 0 ? 0 : (double) truePositives / positives)
            : new Point(positives == 0 ? 0 : (double) truePositives / positives,
                (double) truePositives / (truePositives + falsePositives)));
      }
    }
    if (points.size() <= MAXIMUM_POINTS) {
      return points;
    }
    List<Point> thinned = new ArrayList<>();
    double step = (double) points.size() / MAXIMUM_POINTS;
    for (double i = 0; i < points.size(); i += step) {
      thinned.add(points.get((int) i));
    }
    thinned.add(points.get(points.size() - 1));
    return thinned;
  }
}
