package io.argus.features.compute;

import io.argus.features.FraudV1;

/**
 * A customer's transaction counts and mean amounts at one time, one value per window of
 * {@link FraudV1#WINDOW_DAYS}, the current transaction included.
 */
public record CustomerFeatures(double[] counts, double[] averageAmounts) {

  public double count(int days) {
    return counts[FraudV1.WINDOW_DAYS.indexOf(days)];
  }

  public double averageAmount(int days) {
    return averageAmounts[FraudV1.WINDOW_DAYS.indexOf(days)];
  }
}
