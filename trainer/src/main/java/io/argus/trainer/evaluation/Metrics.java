package io.argus.trainer.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fraud-detection metrics as pure functions over scores and labels, with the fraud literature's definitions: AUC ROC
 * (ties count one half), average precision (scikit-learn's step-wise sum, ties at one threshold), the handbook's card
 * precision@k, the Brier score and the threshold for a target alert rate. A metric that is undefined for its input
 * (no frauds, or no legitimate transactions) is {@link Double#NaN}.
 */
public final class Metrics {

  private Metrics() {
  }

  /** One scored test transaction, as card precision@k reads it. */
  public record ScoredTransaction(String customerId, long day, double score, boolean fraud) {
  }

  /** Area under the ROC curve: the probability that a random fraud outscores a random legitimate transaction. */
  public static double aucRoc(double[] scores, boolean[] frauds) {
    check(scores, frauds);
    Integer[] order = ascending(scores);
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (frauds[order[k]]) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = scores.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * Average precision: {@code sum_n (R_n - R_(n-1)) P_n} over the distinct score thresholds, highest first, as
   * scikit-learn's {@code average_precision_score} computes it (transactions with equal scores enter together).
   */
  public static double averagePrecision(double[] scores, boolean[] frauds) {
    check(scores, frauds);
    long positives = 0;
    for (boolean fraud : frauds) {
      positives += fraud ? 1 : 0;
    }
    if (positives == 0) {
      return Double.NaN;
    }
    Integer[] order = ascending(scores);
    double sum = 0;
    long truePositives = 0;
    long flagged = 0;
    double previousRecall = 0;
    int i = order.length - 1;
    while (i >= 0) {
      int j = i;
      while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
        j--;
      }
      for (int k = j; k <= i; k++) {
        truePositives += frauds[order[k]] ? 1 : 0;
        flagged++;
      }
      double recall = (double) truePositives / positives;
      sum += (recall - previousRecall) * truePositives / flagged;
      previousRecall = recall;
      i = j - 1;
    }
    return sum;
  }

  /** Mean squared difference between the score and the outcome (0 or 1). */
  public static double brierScore(double[] scores, boolean[] frauds) {
    check(scores, frauds);
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      double error = scores[i] - (frauds[i] ? 1 : 0);
      sum += error * error;
    }
    return scores.length == 0 ? Double.NaN : sum / scores.length;
  }

  /**
   * The score threshold that alerts on about {@code alertRate} of transactions: the k-th highest score with
   * {@code k = max(1, floor(alertRate * n))}; alerts are scores at or above it (ties may alert a few more).
   */
  public static double thresholdForAlertRate(double[] scores, double alertRate) {
    if (!(alertRate > 0 && alertRate <= 1) || scores.length == 0) {
      throw new IllegalArgumentException("alert rate must be in (0, 1] over a non-empty set, got " + alertRate
          + " over " + scores.length + " scores");
    }
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    int k = Math.max(1, (int) Math.floor(alertRate * sorted.length));
    return sorted[sorted.length - k];
  }

  /**
   * The handbook's card precision@k: for each day (in order) take each customer's highest score that day and
   * whether they had a fraud that day, drop the customers detected on an earlier day, rank the rest by score (ties
   * broken by customer id), and count the share of the top {@code k} with a fraud; detected customers (fraudulent
   * and in the top k) are remembered. The result is the mean over the days. The share is always over {@code k}, as
   * in the handbook, even on a day with fewer customers.
   */
  public static double cardPrecisionAtK(List<ScoredTransaction> transactions, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    Map<Long, Map<String, CustomerDay>> days = new TreeMap<>();
    for (ScoredTransaction transaction : transactions) {
      days.computeIfAbsent(transaction.day(), day -> new HashMap<>())
          .merge(transaction.customerId(), new CustomerDay(transaction.customerId(), transaction.score(),
              transaction.fraud()), CustomerDay::merge);
    }
    Set<String> detected = new HashSet<>();
    double sum = 0;
    for (Map<String, CustomerDay> customers : days.values()) {
      List<CustomerDay> ranked = new ArrayList<>();
      for (CustomerDay customer : customers.values()) {
        if (!detected.contains(customer.customerId())) {
          ranked.add(customer);
        }
      }
      ranked.sort(Comparator.comparingDouble(CustomerDay::score).reversed().thenComparing(CustomerDay::customerId));
      int hits = 0;
      for (CustomerDay customer : ranked.subList(0, Math.min(k, ranked.size()))) {
        if (customer.fraud()) {
          hits++;
          detected.add(customer.customerId());
        }
      }
      sum += (double) hits / k;
    }
    return days.isEmpty() ? Double.NaN : sum / days.size();
  }

  private record CustomerDay(String customerId, double score, boolean fraud) {
    CustomerDay merge(CustomerDay other) {
      return new CustomerDay(customerId, Math.max(score, other.score), fraud || other.fraud);
    }
  }

  private static Integer[] ascending(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    return order;
  }

  private static void check(double[] scores, boolean[] frauds) {
    if (scores.length != frauds.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + frauds.length + " labels");
    }
    for (double score : scores) {
      if (Double.isNaN(score)) {
        throw new IllegalArgumentException("score is NaN");
      }
    }
  }
}
