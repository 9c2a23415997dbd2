package io.argus.features.compute;

import static io.argus.features.compute.EventOrder.second;

import io.argus.features.FraudV1;
import java.time.Duration;

/**
 * The handbook's customer features over a customer's history: for each window w, the number and mean amount of the
 * customer's transactions with time in (t - w days, t], the current one included (and, of transactions in the same
 * second, only those before it in {@link EventOrder}).
 */
public final class CustomerHistory {

  private static final long DAY_SECONDS = Duration.ofDays(1).toSeconds();

  private CustomerHistory() {
  }

  /**
   * The customer's features for {@code current}, given the payments seen so far (without {@code current}). One pass
   * over the history: a payment outside the widest window is skipped on its time alone.
   */
  public static CustomerFeatures featuresAt(CustomerPayments history, TransactionEvent current) {
    long now = second(current.eventTime());
    int windows = FraudV1.WINDOW_DAYS.size();
    long[] lowers = new long[windows];
    long widest = Long.MAX_VALUE;
    double[] counts = new double[windows];
    double[] sums = new double[windows];
    for (int w = 0; w < windows; w++) {
      lowers[w] = now - FraudV1.WINDOW_DAYS.get(w) * DAY_SECONDS;
      widest = Math.min(widest, lowers[w]);
      counts[w] = 1;
      sums[w] = current.amount();
    }
    long[] eventTimes = history.eventTimes();
    int[] idHashes = history.idHashes();
    String[] ids = history.transactionIds();
    double[] amounts = history.amounts();
    for (int i = 0; i < eventTimes.length; i++) {
      long time = second(eventTimes[i]);
      if (time <= widest
          || !EventOrder.before(eventTimes[i], idHashes[i], ids[i], current.eventTime(), current.transactionId())) {
        continue;
      }
      for (int w = 0; w < windows; w++) {
        if (time > lowers[w]) {
          counts[w]++;
          sums[w] += amounts[i];
        }
      }
    }
    double[] averages = new double[windows];
    for (int w = 0; w < windows; w++) {
      averages[w] = sums[w] / counts[w];
    }
    return new CustomerFeatures(counts, averages);
  }

  /** The history with {@code current} added, keeping only payments after {@code keepAfterSecond}. */
  public static CustomerPayments withPayment(CustomerPayments history, TransactionEvent current,
      long keepAfterSecond) {
    return history.with(new CustomerPayment(current.transactionId(), current.eventTime(), current.amount()),
        keepAfterSecond);
  }

  /** The oldest second a customer's or card's history must still hold after an event at {@code eventTime}. */
  public static long keepAfterSecond(long eventTime, Duration allowedLateness) {
    return second(eventTime) - FraudV1.customerHorizon().plus(allowedLateness).toSeconds();
  }
}
