package io.argus.features.compute;

import io.argus.features.FraudV1;

/**
 * A terminal's transaction counts and fraud risks at one time, one value per window of
 * {@link FraudV1#WINDOW_DAYS} (1, 7 and 30 days), each window shifted back by the label delay, and its fraud streak.
 *
 * @param fraudStreak the newest transactions in a row known as fraud, in the longest shifted window
 * @param fraudStreakDays days from the first transaction of that streak to now; 0 without a streak
 */
public record TerminalFeatures(double[] counts, double[] risks, double fraudStreak, double fraudStreakDays) {

  public double count(int days) {
    return counts[FraudV1.WINDOW_DAYS.indexOf(days)];
  }

  public double risk(int days) {
    return risks[FraudV1.WINDOW_DAYS.indexOf(days)];
  }
}
