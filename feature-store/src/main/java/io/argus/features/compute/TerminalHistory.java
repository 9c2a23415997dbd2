package io.argus.features.compute;

import static io.argus.features.compute.EventOrder.second;

import io.argus.features.FraudV1;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The handbook's terminal features over a terminal's history: for each window w, the transactions with time in
 * (t - 7 - w days, t - 7 days] and the share of them reported as fraud at or before t (0 when there are none).
 * A label reported after t changes nothing at t. Beside them, the terminal's fraud streak: of its transactions in the
 * longest shifted window, the newest ones in a row known as fraud, and the days since the first of them (a compromised
 * terminal's transactions are all fraud, so its known history ends in such a run; a single stolen card's fraud at the
 * terminal rarely makes one). Histories are lists the caller keeps (Flink state online, a map offline); these
 * functions never change them.
 */
public final class TerminalHistory {

  private static final long DAY_SECONDS = Duration.ofDays(1).toSeconds();
  private static final Comparator<TerminalVisit> NEWEST_FIRST = Comparator
      .comparingLong(TerminalVisit::eventTime)
      .thenComparing(TerminalVisit::transactionId, EventOrder.TRANSACTION_ID)
      .reversed();

  private TerminalHistory() {
  }

  /** The terminal's features for a transaction at {@code eventTime} (epoch milliseconds). */
  public static TerminalFeatures featuresAt(List<TerminalVisit> visits, List<FraudReport> reports, long eventTime) {
    Set<String> knownFrauds = new HashSet<>();
    for (FraudReport report : reports) {
      if (report.reportedAt() <= eventTime) {
        knownFrauds.add(report.transactionId());
      }
    }
    long upper = second(eventTime) - FraudV1.LABEL_DELAY.toSeconds();
    int windows = FraudV1.WINDOW_DAYS.size();
    double[] counts = new double[windows];
    double[] risks = new double[windows];
    for (int w = 0; w < windows; w++) {
      long lower = lowerBound(upper, w);
      int count = 0;
      int frauds = 0;
      for (TerminalVisit visit : visits) {
        long time = second(visit.eventTime());
        if (time > lower && time <= upper) {
          count++;
          if (knownFrauds.contains(visit.transactionId())) {
            frauds++;
          }
        }
      }
      counts[w] = count;
      risks[w] = count == 0 ? 0.0 : (double) frauds / count;
    }
    return fraudStreak(visits, knownFrauds, eventTime, upper, lowerBound(upper, windows - 1), counts, risks);
  }

  private static long lowerBound(long upper, int window) {
    return upper - FraudV1.WINDOW_DAYS.get(window) * DAY_SECONDS;
  }

  /** The counts and risks with the streak of known frauds among the visits in {@code (lower, upper]}. */
  private static TerminalFeatures fraudStreak(List<TerminalVisit> visits, Set<String> knownFrauds, long eventTime,
      long upper, long lower, double[] counts, double[] risks) {
    List<TerminalVisit> inWindow = new ArrayList<>();
    for (TerminalVisit visit : visits) {
      long time = second(visit.eventTime());
      if (time > lower && time <= upper) {
        inWindow.add(visit);
      }
    }
    inWindow.sort(NEWEST_FIRST);
    int streak = 0;
    while (streak < inWindow.size() && knownFrauds.contains(inWindow.get(streak).transactionId())) {
      streak++;
    }
    double days = streak == 0 ? 0.0
        : (second(eventTime) - second(inWindow.get(streak - 1).eventTime())) / (double) DAY_SECONDS;
    return new TerminalFeatures(counts, risks, streak, days);
  }

  /** The visits with {@code event} added, keeping only those after {@code keepAfterSecond}. */
  public static List<TerminalVisit> withVisit(List<TerminalVisit> visits, TransactionEvent event,
      long keepAfterSecond) {
    return Histories.withEntry(visits, new TerminalVisit(event.transactionId(), event.eventTime()),
        TerminalVisit::eventTime, TerminalVisit::transactionId, keepAfterSecond);
  }

  /** The reports with {@code report} added, keeping only those of transactions after {@code keepAfterSecond}. */
  public static List<FraudReport> withReport(List<FraudReport> reports, FraudReport report, long keepAfterSecond) {
    return Histories.withEntry(reports, report, FraudReport::transactionTime, FraudReport::transactionId,
        keepAfterSecond);
  }

  /**
   * The oldest second a terminal must still remember after seeing an event at {@code eventTime}: events up to
   * {@code allowedLateness} older may still come, and each looks back 37 days.
   */
  public static long keepAfterSecond(long eventTime, Duration allowedLateness) {
    return second(eventTime) - FraudV1.terminalHorizon().plus(allowedLateness).toSeconds();
  }
}
