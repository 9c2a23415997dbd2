package io.argus.features.compute;

import static io.argus.features.compute.EventOrder.second;

import io.argus.features.FraudV1;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The handbook's terminal features over a terminal's history: for each window w, the transactions with time in
 * (t - 7 - w days, t - 7 days] and the share of them reported as fraud at or before t (0 when there are none).
 * A label reported after t changes nothing at t. Beside them, the terminal's fraud streak: of its transactions in the
 * longest shifted window, the newest ones in a row known as fraud, and the days since the first of them (a compromised
 * terminal's transactions are all fraud, so its known history ends in such a run; a single stolen card's fraud at the
 * terminal rarely makes one). Histories are values the caller keeps (Flink state online, a map offline); these
 * functions never change them.
 */
public final class TerminalHistory {

  private static final long DAY_SECONDS = Duration.ofDays(1).toSeconds();

  private TerminalHistory() {
  }

  /**
   * The terminal's features for a transaction at {@code eventTime} (epoch milliseconds). The visits are in event
   * order, so each window is a range of indices (two binary searches), and the streak is read from the window's
   * newest end backwards.
   */
  public static TerminalFeatures featuresAt(TerminalVisits visits, List<FraudReport> reports, long eventTime) {
    Set<String> knownFrauds = new HashSet<>();
    for (FraudReport report : reports) {
      if (report.reportedAt() <= eventTime) {
        knownFrauds.add(report.transactionId());
      }
    }
    long[] times = visits.eventTimes();
    String[] ids = visits.transactionIds();
    long upper = upperSecond(eventTime);
    int end = firstAfter(times, upper);
    int windows = FraudV1.WINDOW_DAYS.size();
    double[] counts = new double[windows];
    double[] risks = new double[windows];
    for (int w = 0; w < windows; w++) {
      int start = firstAfter(times, lowerBound(upper, w));
      int frauds = 0;
      for (int i = start; i < end && !knownFrauds.isEmpty(); i++) {
        frauds += knownFrauds.contains(ids[i]) ? 1 : 0;
      }
      counts[w] = end - start;
      risks[w] = end == start ? 0.0 : (double) frauds / (end - start);
    }
    int longestStart = firstAfter(times, lowerBound(upper, windows - 1));
    int first = end;
    while (first > longestStart && knownFrauds.contains(ids[first - 1])) {
      first--;
    }
    double days = first == end ? 0.0 : (second(eventTime) - second(times[first])) / (double) DAY_SECONDS;
    return new TerminalFeatures(counts, risks, end - first, days);
  }

  /**
   * The terminal's features for a transaction at {@code eventTime} as the terminal knows them on its arrival: from
   * the applied visits and those still {@code waiting} for the watermark. A waiting visit counts only where it falls
   * into a window, which ends a label delay before {@code eventTime}; usually none does, and the applied visits are
   * used as they are.
   */
  public static TerminalFeatures featuresOnArrival(TerminalVisits applied, List<TransactionEvent> waiting,
      List<FraudReport> reports, long eventTime) {
    TerminalVisits known = applied;
    long upper = upperSecond(eventTime);
    for (TransactionEvent event : waiting) {
      if (second(event.eventTime()) <= upper) {
        known = withVisit(known, event, Long.MIN_VALUE);
      }
    }
    return featuresAt(known, reports, eventTime);
  }

  /** The newest second in the windows of a transaction at {@code eventTime}: a label delay before it. */
  private static long upperSecond(long eventTime) {
    return second(eventTime) - FraudV1.LABEL_DELAY.toSeconds();
  }

  private static long lowerBound(long upper, int window) {
    return upper - FraudV1.WINDOW_DAYS.get(window) * DAY_SECONDS;
  }

  /** The first index whose second is after {@code second}, in times in ascending order. */
  private static int firstAfter(long[] times, long second) {
    int low = 0;
    int high = times.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (second(times[middle]) <= second) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** The visits with {@code event} added, keeping only those after {@code keepAfterSecond}. */
  public static TerminalVisits withVisit(TerminalVisits visits, TransactionEvent event, long keepAfterSecond) {
    return visits.with(new TerminalVisit(event.transactionId(), event.eventTime()), keepAfterSecond);
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
