package io.argus.features.compute;

import static io.argus.features.compute.EventOrder.second;

import io.argus.features.FraudV1;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The card features over a card's history of the last 30 days: seconds since its previous transaction, counts in
 * the last 10 minutes and hour, amount over its mean and over the median of its earlier amounts, its largest amount
 * of the last 7 days over that median, whether the terminal is new to it, and its sequence of the last
 * {@link FraudV1#SEQUENCE_LENGTH} transactions. Only transactions before the current one in {@link EventOrder}
 * count, so a late transaction gets the values it would have had in time.
 */
public final class CardHistory {

  private static final Comparator<CardStep> ORDER = Comparator.comparingLong(CardStep::eventTime)
      .thenComparing(CardStep::transactionId, EventOrder.TRANSACTION_ID);

  private CardHistory() {
  }

  /**
   * The card's features for {@code current}, given its steps seen so far (without {@code current}).
   *
   * @param terminalRisk the 7-day risk of the current transaction's terminal, from the terminal stage
   */
  public static CardFeatures featuresAt(List<CardStep> history, TransactionEvent current, double terminalRisk) {
    long now = second(current.eventTime());
    List<CardStep> earlier = earlierInWindow(history, current, now);
    CardStep previous = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
    double secondsSincePrevious = previous == null ? FraudV1.MAX_SECONDS_SINCE_PREVIOUS
        : Math.min(FraudV1.MAX_SECONDS_SINCE_PREVIOUS, now - second(previous.eventTime()));
    boolean newTerminal = !used(earlier, current.terminalId());
    CardStep step = new CardStep(current.transactionId(), current.eventTime(), current.amount(),
        current.terminalId(), secondsSincePrevious, terminalRisk, newTerminal ? 1.0 : 0.0);

    double sum = current.amount();
    for (CardStep before : earlier) {
      sum += before.amount();
    }
    double mean = sum / (earlier.size() + 1);
    // The mean holds the current amount: it is 0 only when every amount is, and the ratio is then 1.
    double amountOverMean = mean > 0 ? current.amount() / mean : 1.0;
    double median = median(earlier);
    boolean anyRecent = false;
    double recentMaximum = 0;
    long recentLower = now - FraudV1.CARD_RECENT_MAXIMUM.toSeconds();
    for (CardStep before : earlier) {
      if (second(before.eventTime()) > recentLower) {
        anyRecent = true;
        recentMaximum = Math.max(recentMaximum, before.amount());
      }
    }
    return new CardFeatures(step, amountOverMean, earlier.isEmpty() ? 1.0 : ratio(current.amount(), median),
        anyRecent ? ratio(recentMaximum, median) : 1.0,
        1 + countSince(earlier, now - FraudV1.VELOCITY_SHORT.toSeconds()),
        1 + countSince(earlier, now - FraudV1.VELOCITY_LONG.toSeconds()),
        recentSteps(earlier, step));
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

  /** The median amount of the steps (the mean of the middle two for an even count); 0 for none. */
  private static double median(List<CardStep> steps) {
    double[] amounts = new double[steps.size()];
    for (int i = 0; i < amounts.length; i++) {
      amounts[i] = steps.get(i).amount();
    }
    return median(amounts);
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
  public static List<CardStep> withStep(List<CardStep> history, CardStep step, long keepAfterSecond) {
    return Histories.withEntry(history, step, CardStep::eventTime, CardStep::transactionId, keepAfterSecond);
  }

  /**
   * The steps before {@code current} with time in (now - 30 days, now], in event order. {@link #withStep} keeps a
   * history in that order, so they are sorted here only when the history was restored from a checkpoint of a version
   * that appended steps as they arrived.
   */
  private static List<CardStep> earlierInWindow(List<CardStep> history, TransactionEvent current, long now) {
    long lower = now - FraudV1.CARD_HISTORY.toSeconds();
    List<CardStep> earlier = new ArrayList<>();
    boolean ordered = true;
    CardStep last = null;
    for (CardStep step : history) {
      if (second(step.eventTime()) > lower
          && EventOrder.before(step.eventTime(), step.transactionId(), current.eventTime(), current.transactionId())) {
        ordered = ordered && (last == null
            || EventOrder.atOrBefore(last.eventTime(), last.transactionId(), step.eventTime(), step.transactionId()));
        earlier.add(step);
        last = step;
      }
    }
    if (!ordered) {
      earlier.sort(ORDER);
    }
    return earlier;
  }

  private static boolean used(List<CardStep> earlier, String terminalId) {
    for (CardStep step : earlier) {
      if (step.terminalId().equals(terminalId)) {
        return true;
      }
    }
    return false;
  }

  private static int countSince(List<CardStep> earlier, long lowerExclusive) {
    int count = 0;
    for (CardStep step : earlier) {
      if (second(step.eventTime()) > lowerExclusive) {
        count++;
      }
    }
    return count;
  }

  /** The last steps, oldest first, {@code current} last, at most the sequence length. */
  private static List<CardStep> recentSteps(List<CardStep> earlier, CardStep current) {
    int fromEarlier = Math.min(FraudV1.SEQUENCE_LENGTH - 1, earlier.size());
    List<CardStep> recent = new ArrayList<>(earlier.subList(earlier.size() - fromEarlier, earlier.size()));
    recent.add(current);
    return recent;
  }
}
