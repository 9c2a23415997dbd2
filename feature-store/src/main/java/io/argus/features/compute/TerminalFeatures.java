package io.argus.features.compute;

import io.argus.features.FraudV1;

/**
 * A terminal's transaction counts and fraud risks at one time, one value per window of
 * {@link FraudV1#WINDOW_DAYS} (1, 7 and 30 days), each window shifted back by the label delay.
 */
public record TerminalFeatures(double[] counts, double[] risks) {

  public double count(int days) {
    return counts[FraudV1.WINDOW_DAYS.indexOf(days)];
  }

  public double risk(int days) {
    return risks[FraudV1.WINDOW_DAYS.indexOf(days)];
  }
}
