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
 * A label reported after t changes nothing at t. Histories are lists the caller keeps (Flink state online, a map
 * offline); these functions never change them.
 */
public final class TerminalHistory {

  private static final long DAY_SECONDS = Duration.ofDays(1).toSeconds();

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
      long lower = upper - FraudV1.WINDOW_DAYS.get(w) * DAY_SECONDS;
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
    return new TerminalFeatures(counts, risks);
  }

  /** The visits with {@code event} added, keeping only those after {@code keepAfterSecond}. */
  public static List<TerminalVisit> withVisit(List<TerminalVisit> visits, TransactionEvent event,
      long keepAfterSecond) {
    return Histories.withEntry(visits, new TerminalVisit(event.transactionId(), event.eventTime()),
        TerminalVisit::eventTime, keepAfterSecond);
  }

  /** The reports with {@code report} added, keeping only those of transactions after {@code keepAfterSecond}. */
  public static List<FraudReport> withReport(List<FraudReport> reports, FraudReport report, long keepAfterSecond) {
    return Histories.withEntry(reports, report, FraudReport::transactionTime, keepAfterSecond);
  }

  /**
   * The oldest second a terminal must still remember after seeing an event at {@code eventTime}: events up to
   * {@code allowedLateness} older may still come, and each looks back 37 days.
   */
  public static long keepAfterSecond(long eventTime, Duration allowedLateness) {
    return second(eventTime) - FraudV1.terminalHorizon().plus(allowedLateness).toSeconds();
  }
}
