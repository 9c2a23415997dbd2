package io.argus.trainer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.trainer.evaluation.Metrics.ScoredTransaction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each metric against small cases worked out by hand (and, for AUC and AP, scikit-learn's documented examples). */
class MetricsTest {

  private static final boolean F = true;
  private static final boolean L = false;
  private static final long DAY_1 = 17_752;
  private static final long DAY_2 = DAY_1 + 1;

  @Test
  void shouldComputeAucOfScikitLearnExample() {
    assertThat(Metrics.aucRoc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {L, L, F, F}))
        .isCloseTo(0.75, within(1e-12));
  }

  @Test
  void shouldCountTiedPairsAsOneHalfInAuc() {
    assertThat(Metrics.aucRoc(new double[] {0.2, 0.6, 0.6, 0.9}, new boolean[] {L, F, L, F}))
        .isCloseTo(0.875, within(1e-12));
    assertThat(Metrics.aucRoc(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {F, L, F, L}))
        .isCloseTo(0.5, within(1e-12));
  }

  @Test
  void shouldComputeAveragePrecisionOfScikitLearnExample() {
    assertThat(Metrics.averagePrecision(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {L, L, F, F}))
        .isCloseTo(0.8333333333, within(1e-9));
  }

  @Test
  void shouldTakeTiedScoresTogetherInAveragePrecision() {
    // threshold 0.9 flags one fraud and one legitimate (P 1/2, R 1/2); threshold 0.5 adds the other fraud (P 2/3).
    assertThat(Metrics.averagePrecision(new double[] {0.9, 0.9, 0.5, 0.1}, new boolean[] {F, L, F, L}))
        .isCloseTo(0.5 * 0.5 + 0.5 * 2 / 3.0, within(1e-12));
  }

  @Test
  void shouldBeUndefinedWithoutFrauds() {
    assertThat(Metrics.averagePrecision(new double[] {0.1, 0.2}, new boolean[] {L, L})).isNaN();
    assertThat(Metrics.aucRoc(new double[] {0.1, 0.2}, new boolean[] {L, L})).isNaN();
  }

  @Test
  void shouldComputeBrierScore() {
    assertThat(Metrics.brierScore(new double[] {0.2, 0.9}, new boolean[] {L, F})).isCloseTo(0.025, within(1e-12));
  }

  @Test
  void shouldFindThresholdForAlertRate() {
    double[] scores = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    assertThat(Metrics.thresholdForAlertRate(scores, 0.2)).isEqualTo(0.9);
    assertThat(Metrics.thresholdForAlertRate(scores, 0.01)).isEqualTo(1.0);
  }

  @Test
  void shouldRemoveCustomersDetectedOnEarlierDaysFromCardPrecision() {
    List<ScoredTransaction> transactions = List.of(
        tx("A", DAY_1, 0.9, F), tx("A", DAY_1, 0.1, L), tx("B", DAY_1, 0.8, L), tx("C", DAY_1, 0.7, F),
        tx("A", DAY_2, 0.95, F), tx("B", DAY_2, 0.6, F), tx("C", DAY_2, 0.5, L));

    // day 1: top 2 = A (fraud), B -> 1/2, A detected; day 2 without A: B (fraud), C -> 1/2.
    assertThat(Metrics.cardPrecisionAtK(transactions, 2)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void shouldBreakCardPrecisionTiesByCustomerIdAndDivideByK() {
    List<ScoredTransaction> tied = List.of(tx("C", DAY_1, 0.7, F), tx("B", DAY_1, 0.7, L));
    assertThat(Metrics.cardPrecisionAtK(tied, 1)).isZero();

    List<ScoredTransaction> oneCustomer = List.of(tx("A", DAY_1, 0.3, F));
    assertThat(Metrics.cardPrecisionAtK(oneCustomer, 5)).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void shouldUseEachCustomersHighestScoreOfTheDay() {
    // B's best transaction (0.95) outranks A's; B had a fraud that day on another transaction.
    List<ScoredTransaction> transactions = List.of(tx("A", DAY_1, 0.9, L), tx("B", DAY_1, 0.95, L),
        tx("B", DAY_1, 0.2, F));
    assertThat(Metrics.cardPrecisionAtK(transactions, 1)).isEqualTo(1.0);
  }

  private static ScoredTransaction tx(String customer, long day, double score, boolean fraud) {
    return new ScoredTransaction(customer, day, score, fraud);
  }
}
