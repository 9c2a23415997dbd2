package io.argus.features.compute;

import static io.argus.features.compute.EventOrder.second;

import io.argus.features.FraudV1;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The card features over a card's history of the last 30 days: seconds since its previous transaction, counts in
 * the last 10 minutes and hour, amount over its mean and over the median of its earlier amounts, its largest amount
 * of the last 7 days over that median, whether the terminal is new to it, and its sequence of the last
 * {@link FraudV1#SEQUENCE_LENGTH} transactions. Only transactions before the current one in {@link EventOrder}
 * count, so a late transaction gets the values it would have had in time.
 */
public final class CardHistory {

  private CardHistory() {
  }

  /**
   * The card's features for {@code current}, given its steps seen so far (without {@code current}).
   *
   * @param terminalRisk the 7-day risk of the current transaction's terminal, from the terminal stage
   */
  public static CardFeatures featuresAt(CardSteps history, TransactionEvent current, double terminalRisk) {
    long now = second(current.eventTime());
    int[] earlier = earlierInWindow(history, current, now);
    long[] eventTimes = history.eventTimes();
    double[] amounts = history.amounts();
    double secondsSincePrevious = earlier.length == 0 ? FraudV1.MAX_SECONDS_SINCE_PREVIOUS
        : Math.min(FraudV1.MAX_SECONDS_SINCE_PREVIOUS, now - second(eventTimes[earlier[earlier.length - 1]]));
    boolean newTerminal = !used(history, earlier, current.terminalId());
    CardStep step = new CardStep(current.transactionId(), current.eventTime(), current.amount(),
        current.terminalId(), secondsSincePrevious, terminalRisk, newTerminal ? 1.0 : 0.0);

    double sum = current.amount();
    double[] earlierAmounts = new double[earlier.length];
    boolean anyRecent = false;
    double recentMaximum = 0;
    long recentLower = now - FraudV1.CARD_RECENT_MAXIMUM.toSeconds();
    for (int k = 0; k < earlier.length; k++) {
      int i = earlier[k];
      sum += amounts[i];
      earlierAmounts[k] = amounts[i];
      if (second(eventTimes[i]) > recentLower) {
        anyRecent = true;
        recentMaximum = Math.max(recentMaximum, amounts[i]);
      }
    }
    double mean = sum / (earlier.length + 1);
    // The mean holds the current amount: it is 0 only when every amount is, and the ratio is then 1.
    double amountOverMean = mean > 0 ? current.amount() / mean : 1.0;
    double median = median(earlierAmounts);
    return new CardFeatures(step, amountOverMean, earlier.length == 0 ? 1.0 : ratio(current.amount(), median),
        anyRecent ? ratio(recentMaximum, median) : 1.0,
        1 + countSince(eventTimes, earlier, now - FraudV1.VELOCITY_SHORT.toSeconds()),
        1 + countSince(eventTimes, earlier, now - FraudV1.VELOCITY_LONG.toSeconds()),
        recentSteps(history, earlier, step));
  }

  /**
   * {@code amount / typical}, where a typical amount below {@link FraudV1#SMALLEST_AMOUNT_DIVISOR} divides as that
   * divisor, so a payment after zero-amount authorizations (a median of 0) stands out instead of dividing by zero;
   * 0 over 0 (only zero amounts) is 1. For amounts of a cent or more this is the plain ratio.
   */
  static double ratio(double amount, double typical) {
    if (amount == 0 && typical == 0) {
      return 1.0;
    }
    return amount / Math.max(typical, FraudV1.SMALLEST_AMOUNT_DIVISOR);
  }

  /**
   * The median of {@code values} (the mean of the middle two for an even count; 0 for none), found by selection
   * rather than a sort: it runs for every transaction over the card's 30 days. Reorders {@code values}.
   */
  static double median(double[] values) {
    int count = values.length;
    if (count == 0) {
      return 0;
    }
    int middle = count / 2;
    double upper = select(values, middle);
    if (count % 2 == 1) {
      return upper;
    }
    // select leaves every value before the middle at or below it: the lower middle is their largest.
    double lower = values[0];
    for (int i = 1; i < middle; i++) {
      lower = Math.max(lower, values[i]);
    }
    return (lower + upper) / 2;
  }

  /**
   * The {@code k}-th smallest of {@code values} (from 0), by Hoare's selection; afterwards the values before index
   * {@code k} are at or below it and those after at or above.
   */
  private static double select(double[] values, int k) {
    int low = 0;
    int high = values.length - 1;
    while (low < high) {
      double pivot = values[(low + high) >>> 1];
      int i = low;
      int j = high;
      while (i <= j) {
        while (values[i] < pivot) {
          i++;
        }
        while (values[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double swapped = values[i];
          values[i++] = values[j];
          values[j--] = swapped;
        }
      }
      if (k <= j) {
        high = j;
      } else if (k >= i) {
        low = i;
      } else {
        return values[k];
      }
    }
    return values[k];
  }

  /** The history with {@code step} added in event order, keeping only steps after {@code keepAfterSecond}. */
  public static CardSteps withStep(CardSteps history, CardStep step, long keepAfterSecond) {
    return history.with(step, keepAfterSecond);
  }

  /**
   * The indices of the steps before {@code current} with time in (now - 30 days, now], in event order (the order
   * the history keeps).
   */
  private static int[] earlierInWindow(CardSteps history, TransactionEvent current, long now) {
    long lower = now - FraudV1.CARD_HISTORY.toSeconds();
    long[] eventTimes = history.eventTimes();
    int[] idHashes = history.idHashes();
    String[] ids = history.transactionIds();
    int[] earlier = new int[eventTimes.length];
    int count = 0;
    for (int i = 0; i < eventTimes.length; i++) {
      if (second(eventTimes[i]) > lower
          && EventOrder.before(eventTimes[i], idHashes[i], ids[i], current.eventTime(), current.transactionId())) {
        earlier[count++] = i;
      }
    }
    return count == earlier.length ? earlier : Arrays.copyOf(earlier, count);
  }

  /** Whether one of the {@code earlier} steps was at {@code terminalId} (its id read only when its hash agrees). */
  private static boolean used(CardSteps history, int[] earlier, String terminalId) {
    String[] terminalIds = history.terminalIds();
    int hash = terminalId.hashCode();
    for (int i : earlier) {
      if (terminalIds[i].hashCode() == hash && terminalIds[i].equals(terminalId)) {
        return true;
      }
    }
    return false;
  }

  private static int countSince(long[] eventTimes, int[] earlier, long lowerExclusive) {
    int count = 0;
    for (int i : earlier) {
      if (second(eventTimes[i]) > lowerExclusive) {
        count++;
      }
    }
    return count;
  }

  /** The last steps, oldest first, {@code current} last, at most the sequence length. */
  private static List<CardStep> recentSteps(CardSteps history, int[] earlier, CardStep current) {
    int fromEarlier = Math.min(FraudV1.SEQUENCE_LENGTH - 1, earlier.length);
    List<CardStep> recent = new ArrayList<>(fromEarlier + 1);
    for (int k = earlier.length - fromEarlier; k < earlier.length; k++) {
      recent.add(history.step(earlier[k]));
    }
    recent.add(current);
    return recent;
  }
}
