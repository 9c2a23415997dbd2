package io.argus.features.compute;

import io.argus.features.FraudV1;
import java.util.Arrays;
import java.util.Objects;

/**
 * A terminal's transaction counts and fraud risks at one time, one value per window of
 * {@link FraudV1#WINDOW_DAYS} (1, 7 and 30 days), each window shifted back by the label delay, and its fraud streak.
 * Two are equal when every value is (the arrays compared by content).
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

  @Override
  public boolean equals(Object other) {
    return other instanceof TerminalFeatures that && Arrays.equals(counts, that.counts)
        && Arrays.equals(risks, that.risks) && Double.compare(fraudStreak, that.fraudStreak) == 0
        && Double.compare(fraudStreakDays, that.fraudStreakDays) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(counts), Arrays.hashCode(risks), fraudStreak, fraudStreakDays);
  }

  @Override
  public String toString() {
    return "TerminalFeatures[counts=" + Arrays.toString(counts) + ", risks=" + Arrays.toString(risks)
        + ", fraudStreak=" + fraudStreak + ", fraudStreakDays=" + fraudStreakDays + "]";
  }
}
