package io.argus.features.compute;

import static io.argus.features.Fixtures.ONE_DAY;
import static io.argus.features.Fixtures.ONE_SECOND;
import static io.argus.features.Fixtures.T0;
import static io.argus.features.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
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

    TerminalFeatures features = TerminalHistory.featuresAt(TerminalVisits.of(visits), List.of(), T0.toEpochMilli());

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

    TerminalFeatures features = TerminalHistory.featuresAt(TerminalVisits.of(visits), reports, T0.toEpochMilli());

    assertThat(features.risk(1)).isEqualTo(2 / 4.0);
    assertThat(features.risk(7)).isEqualTo(2 / 4.0);
  }

  @Test
  void shouldHaveZeroRiskWhenTheWindowIsEmpty() {
    TerminalVisits visits = TerminalVisits.of(List.of(visit("1", T0.minusSeconds(60))));
    TerminalFeatures features = TerminalHistory.featuresAt(visits,
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

    TerminalFeatures features = TerminalHistory.featuresAt(TerminalVisits.of(visits), reports, T0.toEpochMilli());

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

    TerminalFeatures features = TerminalHistory.featuresAt(TerminalVisits.of(visits), reports, T0.toEpochMilli());

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

    TerminalFeatures features = TerminalHistory.featuresAt(TerminalVisits.of(visits), reports, T0.toEpochMilli());

    assertThat(features.fraudStreak()).isEqualTo(1);
    assertThat(features.fraudStreakDays()).isEqualTo(36.0);
  }

  @Test
  void shouldFeatureAsTheDefinitionSaysWhateverOrderTheVisitsArrivedIn() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<TerminalVisit> visits = new ArrayList<>();
      List<FraudReport> reports = new ArrayList<>();
      for (int i = 0; i < random.nextInt(40); i++) {
        // Times over 40 days before T0 in whole hours and a few milliseconds: on window edges, and ties in a second.
        Instant at = T0.minus(Duration.ofHours(random.nextInt(40 * 24))).plusMillis(random.nextInt(3));
        visits.add(visit(Integer.toString(i), at));
        if (random.nextInt(3) == 0) {
          reports.add(report(Integer.toString(i), at, at.plus(Duration.ofHours(random.nextInt(24 * 12)))));
        }
      }
      List<TerminalVisit> arrived = new ArrayList<>(visits);
      Collections.shuffle(arrived, random);
      long now = T0.plusMillis(random.nextInt(1000)).toEpochMilli();

      assertThat(TerminalHistory.featuresAt(TerminalVisits.of(arrived), reports, now)).as("round %d", round)
          .isEqualTo(byDefinition(visits, reports, now));
      int applied = arrived.size() / 2;
      List<TransactionEvent> waiting = arrived.subList(applied, arrived.size()).stream()
          .map(visit -> TransactionEvent.of(tx(visit.transactionId(), "c1", "term-1", 10,
              Instant.ofEpochMilli(visit.eventTime()))))
          .toList();
      assertThat(TerminalHistory.featuresOnArrival(TerminalVisits.of(arrived.subList(0, applied)), waiting, reports,
          now)).as("round %d, half of the visits waiting", round).isEqualTo(byDefinition(visits, reports, now));
    }
  }

  /** The class comment's definition, over every visit, without columns or order. */
  private static TerminalFeatures byDefinition(List<TerminalVisit> visits, List<FraudReport> reports, long now) {
    Set<String> known = new HashSet<>();
    reports.stream().filter(report -> report.reportedAt() <= now).forEach(report -> known.add(report.transactionId()));
    long upper = Math.floorDiv(now, 1000) - Duration.ofDays(7).toSeconds();
    double[] counts = new double[3];
    double[] risks = new double[3];
    List<TerminalVisit> longest = new ArrayList<>();
    int[] days = {1, 7, 30};
    for (int w = 0; w < 3; w++) {
      long lower = upper - Duration.ofDays(days[w]).toSeconds();
      List<TerminalVisit> in = visits.stream().filter(visit -> Math.floorDiv(visit.eventTime(), 1000) > lower
          && Math.floorDiv(visit.eventTime(), 1000) <= upper).toList();
      counts[w] = in.size();
      risks[w] = in.isEmpty() ? 0 : in.stream().filter(visit -> known.contains(visit.transactionId())).count()
          / (double) in.size();
      longest = in;
    }
    List<TerminalVisit> newestFirst = new ArrayList<>(longest);
    newestFirst.sort(Comparator.comparingLong(TerminalVisit::eventTime)
        .thenComparing(TerminalVisit::transactionId, EventOrder.TRANSACTION_ID).reversed());
    int streak = 0;
    while (streak < newestFirst.size() && known.contains(newestFirst.get(streak).transactionId())) {
      streak++;
    }
    double streakDays = streak == 0 ? 0 : (Math.floorDiv(now, 1000)
        - Math.floorDiv(newestFirst.get(streak - 1).eventTime(), 1000)) / (double) Duration.ofDays(1).toSeconds();
    return new TerminalFeatures(counts, risks, streak, streakDays);
  }
}
