package io.argus.trainer.retraining;

import java.time.Duration;
import java.util.List;

/**
 * When to retrain: every {@code interval}, and as soon as the population stability index of the champion's scores
 * or of one of {@code driftFeatures} between its training window and the last {@code recentWindow} exceeds
 * {@code threshold}. The scheduler checks every {@code checkEvery}.
 */
public record RetrainingPolicy(Duration interval, Duration checkEvery, Duration recentWindow, double threshold,
    List<String> driftFeatures, int bins) {

  /** Daily retraining, hourly checks over the last day, threshold 0.2, three key fraud_v1 features, 10 bins. */
  public static final RetrainingPolicy DEFAULT = new RetrainingPolicy(Duration.ofDays(1), Duration.ofHours(1),
      Duration.ofDays(1), 0.2, List.of("TX_AMOUNT", "TERMINAL_ID_RISK_7DAY_WINDOW", "CARD_NB_TX_1HOUR_WINDOW"), 10);

  public RetrainingPolicy {
    driftFeatures = List.copyOf(driftFeatures);
    if (interval.isNegative() || interval.isZero() || checkEvery.isNegative() || checkEvery.isZero()
        || recentWindow.isNegative() || recentWindow.isZero() || !(threshold > 0) || bins < 2) {
      throw new IllegalArgumentException("invalid retraining policy: interval " + interval + ", check every "
          + checkEvery + ", recent window " + recentWindow + ", threshold " + threshold + ", bins " + bins);
    }
  }
}
