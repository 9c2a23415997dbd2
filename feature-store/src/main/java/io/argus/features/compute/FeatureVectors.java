package io.argus.features.compute;

import static io.argus.features.FraudV1.FEATURE_SET;

import io.argus.avro.FeatureVector;
import io.argus.features.FeatureDefinition;
import io.argus.features.FraudV1;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts a transaction's computed parts together into a {@link FeatureVector}, writing every value by its
 * {@code fraud_v1} name; a declared feature left unset is a programming error and throws.
 */
public final class FeatureVectors {

  private static final int NIGHT_LAST_HOUR = 6;

  private FeatureVectors() {
  }

  /** The vector of {@code event}; {@code computedAt} is the wall-clock time of computation (epoch ms). */
  public static FeatureVector of(TransactionEvent event, TerminalFeatures terminal, CustomerFeatures customer,
      CardFeatures card, long computedAt) {
    Values values = new Values(FEATURE_SET.staticFeatures());
    ZonedDateTime time = Instant.ofEpochMilli(event.eventTime()).atZone(ZoneOffset.UTC);
    values.set(FraudV1.TX_AMOUNT, event.amount());
    values.set(FraudV1.TX_DURING_WEEKEND, flag(time.getDayOfWeek() == DayOfWeek.SATURDAY
        || time.getDayOfWeek() == DayOfWeek.SUNDAY));
    values.set(FraudV1.TX_DURING_NIGHT, flag(time.getHour() <= NIGHT_LAST_HOUR));
    for (int days : FraudV1.WINDOW_DAYS) {
      values.set(FraudV1.customerCount(days), customer.count(days));
      values.set(FraudV1.customerAverageAmount(days), customer.averageAmount(days));
      values.set(FraudV1.terminalCount(days), terminal.count(days));
      values.set(FraudV1.terminalRisk(days), terminal.risk(days));
    }
    values.set(FraudV1.CARD_AMOUNT_OVER_MEAN, card.amountOverMean());
    values.set(FraudV1.CARD_SECONDS_SINCE_PREVIOUS, card.step().secondsSincePrevious());
    values.set(FraudV1.CARD_COUNT_SHORT, card.countShort());
    values.set(FraudV1.CARD_COUNT_LONG, card.countLong());
    values.set(FraudV1.CARD_NEW_TERMINAL, card.step().newTerminal());
    values.set(FraudV1.CARD_AMOUNT_OVER_MEDIAN, card.amountOverMedian());
    values.set(FraudV1.CARD_RECENT_MAXIMUM_OVER_MEDIAN, card.recentMaximumOverMedian());
    values.set(FraudV1.TERMINAL_FRAUD_STREAK, terminal.fraudStreak());
    values.set(FraudV1.TERMINAL_FRAUD_STREAK_DAYS, terminal.fraudStreakDays());

    return FeatureVector.newBuilder()
        .setTransactionId(event.transactionId())
        .setEventTime(Instant.ofEpochMilli(event.eventTime()))
        .setCardToken(event.cardToken())
        .setCustomerId(event.customerId())
        .setTerminalId(event.terminalId())
        .setFeatureSetVersion(FraudV1.VERSION)
        .setValues(values.toList())
        .setSequence(sequence(card.recentSteps()))
        .setIngestTime(Instant.ofEpochMilli(event.ingestTime()))
        .setComputedAt(Instant.ofEpochMilli(computedAt))
        .build();
  }

  /** The steps as sequence rows, zero rows in front up to the sequence length (SEQ_PRESENT = 0 marks them). */
  private static List<List<Double>> sequence(List<CardStep> recentSteps) {
    List<FeatureDefinition> stepFeatures = FEATURE_SET.sequenceStep();
    List<List<Double>> rows = new ArrayList<>(FraudV1.SEQUENCE_LENGTH);
    for (int padding = FraudV1.SEQUENCE_LENGTH - recentSteps.size(); padding > 0; padding--) {
      Values zeros = new Values(stepFeatures);
      stepFeatures.forEach(feature -> zeros.set(feature.name(), 0.0));
      rows.add(zeros.toList());
    }
    for (CardStep step : recentSteps) {
      Values row = new Values(stepFeatures);
      row.set(FraudV1.SEQ_AMOUNT, step.amount());
      row.set(FraudV1.SEQ_SECONDS_SINCE_PREVIOUS, step.secondsSincePrevious());
      row.set(FraudV1.SEQ_TERMINAL_RISK, step.terminalRisk());
      row.set(FraudV1.SEQ_NEW_TERMINAL, step.newTerminal());
      row.set(FraudV1.SEQ_PRESENT, 1.0);
      rows.add(row.toList());
    }
    return rows;
  }

  private static double flag(boolean value) {
    return value ? 1.0 : 0.0;
  }

  /** Values written by name into the declared order; every declared name must be written once. */
  private static final class Values {
    private final List<FeatureDefinition> features;
    private final double[] values;
    private final boolean[] written;

    Values(List<FeatureDefinition> features) {
      this.features = features;
      this.values = new double[features.size()];
      this.written = new boolean[features.size()];
    }

    void set(String name, double value) {
      int index = indexOf(name);
      if (written[index]) {
        throw new IllegalArgumentException("feature " + name + " written twice");
      }
      values[index] = value;
      written[index] = true;
    }

    List<Double> toList() {
      List<Double> list = new ArrayList<>(values.length);
      for (int i = 0; i < values.length; i++) {
        if (!written[i]) {
          throw new IllegalStateException("feature " + features.get(i).name() + " is declared but not computed");
        }
        list.add(values[i]);
      }
      return list;
    }

    private int indexOf(String name) {
      for (int i = 0; i < features.size(); i++) {
        if (features.get(i).name().equals(name)) {
          return i;
        }
      }
      throw new IllegalArgumentException(FraudV1.VERSION + " declares no feature " + name
          + "; declared: " + Arrays.toString(features.stream().map(FeatureDefinition::name).toArray()));
    }
  }
}
