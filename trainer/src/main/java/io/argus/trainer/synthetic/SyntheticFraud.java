package io.argus.trainer.synthetic;

import io.argus.avro.FeatureVector;
import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import io.argus.features.offline.DatasetSplit;
import io.argus.features.offline.LabeledVector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic fraud_v1 examples with a known, learnable fraud signal, for tests, fixtures and benchmarks that must
 * not depend on the handbook data. With {@code inSequence}
 * the signal is only in the card's recent transactions (a burst: the last three real steps have five times the card's
 * usual amount, seconds apart, at risky terminals) and the static features are the same noise for frauds and
 * legitimate cards, so only a model that reads the sequence can learn it; otherwise the signal is only in the static
 * features (large amount over the card's mean, several transactions in the last hour).
 */
public final class SyntheticFraud {

  public static final Instant T0 = Instant.parse("2018-07-25T00:00:00Z");
  private static final FeatureSet FEATURES = FraudV1.FEATURE_SET;

  private final Random random;
  private final boolean inSequence;
  private final double fraudRate;
  private int transactionNumber;

  public SyntheticFraud(long seed, boolean inSequence, double fraudRate) {
    this.random = new Random(seed);
    this.inSequence = inSequence;
    this.fraudRate = fraudRate;
  }

  /** Train, validation and test windows of the given sizes, one day each, ten cards per hundred examples. */
  public DatasetSplit split(int train, int validation, int test) {
    return new DatasetSplit(examples(train, T0), examples(validation, T0.minus(Duration.ofDays(1))),
        examples(test, T0.plus(Duration.ofDays(2))), window(T0), window(T0.minus(Duration.ofDays(1))),
        window(T0.plus(Duration.ofDays(2))));
  }

  private static DatasetSplit.Window window(Instant from) {
    return new DatasetSplit.Window(from, from.plus(Duration.ofDays(1)));
  }

  public List<LabeledVector> examples(int count, Instant day) {
    List<LabeledVector> examples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean fraud = random.nextDouble() < fraudRate;
      Instant at = day.plusSeconds((long) i * 86_400 / Math.max(1, count));
      examples.add(new LabeledVector(vector("c-" + random.nextInt(Math.max(1, count / 10)), at, fraud), fraud));
    }
    return examples;
  }

  /**
   * One feature vector; the fraud signal is where the generator was told to put it. The sequence is padded at the
   * front to fraud_v1's length with all-zero steps, as the feature store pads it.
   */
  public FeatureVector vector(String customerId, Instant at, boolean fraud) {
    double usualAmount = 20 + random.nextDouble() * 60;
    boolean staticSignal = fraud && !inSequence;
    double amount = usualAmount * (staticSignal ? 4 + random.nextDouble() * 3 : 0.5 + random.nextDouble());
    List<Double> values = new ArrayList<>();
    for (String name : FEATURES.staticNames()) {
      values.add(switch (name) {
        case "TX_AMOUNT" -> amount;
        case "TX_DURING_WEEKEND", "TX_DURING_NIGHT", "CARD_NEW_TERMINAL" -> random.nextDouble() < 0.3 ? 1.0 : 0.0;
        case "CARD_AMOUNT_OVER_MEAN_30DAY" -> amount / usualAmount;
        case "CARD_NB_TX_1HOUR_WINDOW" -> (double) (staticSignal ? 3 + random.nextInt(3) : 1 + random.nextInt(2));
        case "CARD_NB_TX_10MIN_WINDOW" -> 1.0;
        case "CARD_SECONDS_SINCE_PREVIOUS_TX" -> 60 + random.nextDouble() * 80_000;
        default -> name.contains("RISK") ? random.nextDouble() * 0.05 : usualAmount * random.nextDouble() * 3;
      });
    }
    int length = 3 + random.nextInt(FEATURES.sequenceLength() - 2);
    List<List<Double>> sequence = new ArrayList<>();
    for (int padding = length; padding < FEATURES.sequenceLength(); padding++) {
      sequence.add(FEATURES.sequenceStepNames().stream().map(name -> 0.0).toList());
    }
    for (int step = 0; step < length; step++) {
      boolean burst = fraud && inSequence && step >= length - 3;
      List<Double> stepValues = new ArrayList<>();
      for (String name : FEATURES.sequenceStepNames()) {
        stepValues.add(switch (name) {
          case "SEQ_AMOUNT" -> usualAmount * (burst ? 4 + random.nextDouble() * 2 : 0.5 + random.nextDouble());
          case "SEQ_SECONDS_SINCE_PREVIOUS" -> burst ? 5 + random.nextDouble() * 60 : 3_000 + random.nextDouble() * 80_000;
          case "SEQ_TERMINAL_RISK" -> burst ? 0.3 + random.nextDouble() * 0.5 : random.nextDouble() * 0.05;
          case "SEQ_NEW_TERMINAL" -> random.nextDouble() < (burst ? 0.9 : 0.2) ? 1.0 : 0.0;
          case "SEQ_PRESENT" -> 1.0;
          default -> throw new IllegalStateException("synthetic data does not know sequence feature " + name);
        });
      }
      sequence.add(stepValues);
    }
    return FeatureVector.newBuilder()
        .setTransactionId("t-" + transactionNumber++)
        .setEventTime(at)
        .setCardToken("card-" + customerId)
        .setCustomerId(customerId)
        .setTerminalId("term-" + random.nextInt(100))
        .setFeatureSetVersion(FraudV1.VERSION)
        .setValues(values)
        .setSequence(sequence)
        .build();
  }
}
