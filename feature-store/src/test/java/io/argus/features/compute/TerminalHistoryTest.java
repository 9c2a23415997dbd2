package io.argus.features.compute;

import static io.argus.features.Fixtures.ONE_DAY;
import static io.argus.features.Fixtures.ONE_SECOND;
import static io.argus.features.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalHistoryTest {

  private static final Instant SHIFTED_NOW = T0.minus(Duration.ofDays(7));

  private static TerminalVisit visit(String id, Instant at) {
    return new TerminalVisit(id, at.toEpochMilli());
  }

  private static FraudReport report(String id, Instant transactionTime, Instant reportedAt) {
    return new FraudReport(id, "term-1", transactionTime.toEpochMilli(), reportedAt.toEpochMilli());
  }

  @Test
  void shouldCountTransactionsInWindowsShiftedBackBySevenDays() {
    List<TerminalVisit> visits = List.of(
        visit("1", SHIFTED_NOW.plus(ONE_SECOND)),                 // after t - 7 d: not yet in any window
        visit("2", SHIFTED_NOW),                                  // exactly t - 7 d: in every window
        visit("3", SHIFTED_NOW.minus(ONE_DAY)),                   // exactly t - 8 d: out of the 1-day window
        visit("4", SHIFTED_NOW.minus(ONE_DAY).plus(ONE_SECOND)),  // just inside the 1-day window
        visit("5", SHIFTED_NOW.minus(Duration.ofDays(30))));      // exactly t - 37 d: out of every window

    TerminalFeatures features = TerminalHistory.featuresAt(visits, List.of(), T0.toEpochMilli());

    assertThat(features.count(1)).isEqualTo(2);
    assertThat(features.count(7)).isEqualTo(3);
    assertThat(features.count(30)).isEqualTo(3);
    assertThat(features.risk(30)).isZero();
  }

  @Test
  void shouldCountOnlyFraudsReportedAtOrBeforeTheTransaction() {
    Instant day = SHIFTED_NOW.minus(Duration.ofHours(1));
    List<TerminalVisit> visits = List.of(visit("1", day), visit("2", day), visit("3", day), visit("4", day));
    List<FraudReport> reports = List.of(
        report("1", day, T0),                      // reported exactly at t: known
        report("2", day, T0.minusSeconds(3600)),   // known
        report("3", day, T0.plusMillis(1)));       // reported after t: unknown at t

    TerminalFeatures features = TerminalHistory.featuresAt(visits, reports, T0.toEpochMilli());

    assertThat(features.risk(1)).isEqualTo(2 / 4.0);
    assertThat(features.risk(7)).isEqualTo(2 / 4.0);
  }

  @Test
  void shouldHaveZeroRiskWhenTheWindowIsEmpty() {
    TerminalFeatures features = TerminalHistory.featuresAt(List.of(visit("1", T0.minusSeconds(60))),
        List.of(report("1", T0.minusSeconds(60), T0.minusSeconds(30))), T0.toEpochMilli());

    assertThat(features.counts()).containsExactly(0, 0, 0);
    assertThat(features.risks()).containsExactly(0, 0, 0);
  }

  @Test
  void shouldCountTheNewestKnownFraudsInARowAsTheFraudStreak() {
    List<TerminalVisit> visits = List.of(
        visit("1", SHIFTED_NOW.minus(Duration.ofDays(10))),       // legitimate: before the streak
        visit("2", SHIFTED_NOW.minus(Duration.ofDays(5))),        // the streak's first fraud
        visit("3", SHIFTED_NOW.minus(Duration.ofDays(2))),
        visit("4", SHIFTED_NOW),                                  // exactly t - 7 d: in the window
        visit("5", SHIFTED_NOW.plus(ONE_SECOND)));                // after t - 7 d: out, though reported
    List<FraudReport> reports = List.of(
        report("2", SHIFTED_NOW.minus(Duration.ofDays(5)), T0.minus(Duration.ofDays(5))),
        report("3", SHIFTED_NOW.minus(Duration.ofDays(2)), T0.minus(Duration.ofDays(2))),
        report("4", SHIFTED_NOW, T0),
        report("5", SHIFTED_NOW.plus(ONE_SECOND), T0));

    TerminalFeatures features = TerminalHistory.featuresAt(visits, reports, T0.toEpochMilli());

    assertThat(features.fraudStreak()).isEqualTo(3);
    assertThat(features.fraudStreakDays()).isEqualTo(12.0);
  }

  @Test
  void shouldHaveNoStreakWhenTheNewestTransactionIsNotAKnownFraud() {
    Instant earlier = SHIFTED_NOW.minus(Duration.ofDays(3));
    Instant newest = SHIFTED_NOW.minus(Duration.ofHours(1));
    List<TerminalVisit> visits = List.of(visit("1", earlier), visit("2", newest));
    List<FraudReport> reports = List.of(
        report("1", earlier, T0.minus(Duration.ofDays(3))),
        report("2", newest, T0.plusMillis(1)));            // reported after t: unknown at t

    TerminalFeatures features = TerminalHistory.featuresAt(visits, reports, T0.toEpochMilli());

    assertThat(features.fraudStreak()).isZero();
    assertThat(features.fraudStreakDays()).isZero();
    assertThat(features.risk(7)).isEqualTo(1 / 2.0);
  }

  @Test
  void shouldStartTheStreakInsideTheThirtyDayShiftedWindow() {
    Instant outside = SHIFTED_NOW.minus(Duration.ofDays(30));                  // exactly t - 37 d: out
    Instant inside = SHIFTED_NOW.minus(Duration.ofDays(29));
    List<TerminalVisit> visits = List.of(visit("1", outside), visit("2", inside));
    List<FraudReport> reports = List.of(report("1", outside, outside.plus(Duration.ofDays(7))),
        report("2", inside, inside.plus(Duration.ofDays(7))));

    TerminalFeatures features = TerminalHistory.featuresAt(visits, reports, T0.toEpochMilli());

    assertThat(features.fraudStreak()).isEqualTo(1);
    assertThat(features.fraudStreakDays()).isEqualTo(36.0);
  }
}
