package io.argus.features;

import io.argus.features.FeatureDefinition.Entity;
import io.argus.features.FeatureDefinition.Normalisation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fraud_v1} feature set, declared once. The first 15 features are the Fraud Detection Handbook's
 * baseline, with its exact names and semantics, so results compare with its published table; the rest are what
 * sequence models and real fraud need (card velocity, the card's recent transactions).
 */
public final class FraudV1 {

  public static final String VERSION = "fraud_v1";
  /** How many of the card's recent transactions (the current one last) a sequence holds. */
  public static final int SEQUENCE_LENGTH = 10;
  /** Fraud labels become known about a week later: terminal risk windows are shifted back by this. */
  public static final Duration LABEL_DELAY = Duration.ofDays(7);
  /** Cap for "seconds since the previous transaction" when there is none. */
  public static final double MAX_SECONDS_SINCE_PREVIOUS = Duration.ofDays(30).toSeconds();

  public static final FeatureSet FEATURE_SET = new FeatureSet(VERSION, staticFeatures(), sequenceStep(),
      SEQUENCE_LENGTH);

  private FraudV1() {
  }

  private static List<FeatureDefinition> staticFeatures() {
    List<FeatureDefinition> features = new ArrayList<>();
    features.add(new FeatureDefinition("TX_AMOUNT", Entity.TRANSACTION, null, null, Normalisation.LOG_STANDARDIZE,
        "Amount in major currency units."));
    features.add(new FeatureDefinition("TX_DURING_WEEKEND", Entity.TRANSACTION, null, null, Normalisation.NONE,
        "1 when the transaction is on a Saturday or Sunday (UTC), else 0."));
    features.add(new FeatureDefinition("TX_DURING_NIGHT", Entity.TRANSACTION, null, null, Normalisation.NONE,
        "1 when the hour of day is 0 to 6 (00:00:00-06:59:59 UTC), else 0."));
    for (int days : new int[] {1, 7, 30}) {
      Duration window = Duration.ofDays(days);
      features.add(new FeatureDefinition("CUSTOMER_ID_NB_TX_" + days + "DAY_WINDOW", Entity.CUSTOMER, window, null,
          Normalisation.LOG_STANDARDIZE, "Customer's transactions with time in (t - " + days + " d, t], this one included."));
      features.add(new FeatureDefinition("CUSTOMER_ID_AVG_AMOUNT_" + days + "DAY_WINDOW", Entity.CUSTOMER, window,
          null, Normalisation.LOG_STANDARDIZE, "Mean amount of the customer's transactions in (t - " + days + " d, t]."));
    }
    for (int days : new int[] {1, 7, 30}) {
      Duration window = Duration.ofDays(days);
      features.add(new FeatureDefinition("TERMINAL_ID_NB_TX_" + days + "DAY_WINDOW", Entity.TERMINAL, window,
          LABEL_DELAY, Normalisation.LOG_STANDARDIZE,
          "Terminal's transactions with time in (t - 7 - " + days + " d, t - 7 d]."));
      features.add(new FeatureDefinition("TERMINAL_ID_RISK_" + days + "DAY_WINDOW", Entity.TERMINAL, window,
          LABEL_DELAY, Normalisation.NONE,
          "Frauds / transactions of the terminal in (t - 7 - " + days + " d, t - 7 d], counting only labels reported "
              + "before t; 0 when there are none."));
    }
    features.add(new FeatureDefinition("CARD_AMOUNT_OVER_MEAN_30DAY", Entity.CARD, Duration.ofDays(30), null,
        Normalisation.LOG_STANDARDIZE, "Amount divided by the card's mean amount in (t - 30 d, t], this one included."));
    features.add(new FeatureDefinition("CARD_SECONDS_SINCE_PREVIOUS_TX", Entity.CARD, null, null,
        Normalisation.LOG_STANDARDIZE, "Seconds since the card's previous transaction, capped at 30 days."));
    features.add(new FeatureDefinition("CARD_NB_TX_10MIN_WINDOW", Entity.CARD, Duration.ofMinutes(10), null,
        Normalisation.LOG_STANDARDIZE, "Card's transactions with time in (t - 10 min, t], this one included."));
    features.add(new FeatureDefinition("CARD_NB_TX_1HOUR_WINDOW", Entity.CARD, Duration.ofHours(1), null,
        Normalisation.LOG_STANDARDIZE, "Card's transactions with time in (t - 1 h, t], this one included."));
    features.add(new FeatureDefinition("CARD_NEW_TERMINAL", Entity.CARD, Duration.ofDays(30), null,
        Normalisation.NONE, "1 when the card has not used this terminal in the previous 30 days, else 0."));
    return features;
  }

  private static List<FeatureDefinition> sequenceStep() {
    return List.of(
        new FeatureDefinition("SEQ_AMOUNT", Entity.CARD, null, null, Normalisation.LOG_STANDARDIZE,
            "Amount of that earlier transaction."),
        new FeatureDefinition("SEQ_SECONDS_SINCE_PREVIOUS", Entity.CARD, null, null, Normalisation.LOG_STANDARDIZE,
            "Seconds between that transaction and the card's one before it, capped at 30 days."),
        new FeatureDefinition("SEQ_TERMINAL_RISK", Entity.TERMINAL, Duration.ofDays(7), LABEL_DELAY,
            Normalisation.NONE, "TERMINAL_ID_RISK_7DAY_WINDOW of that transaction's terminal at its time."),
        new FeatureDefinition("SEQ_NEW_TERMINAL", Entity.CARD, Duration.ofDays(30), null, Normalisation.NONE,
            "1 when that transaction's terminal was new to the card, else 0."));
  }
}
