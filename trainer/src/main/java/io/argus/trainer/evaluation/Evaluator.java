package io.argus.trainer.evaluation;

import io.argus.avro.FeatureVector;
import io.argus.features.FeatureSet;
import io.argus.features.offline.LabeledVector;
import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import io.argus.trainer.evaluation.Evaluation.SegmentRates;
import io.argus.trainer.evaluation.Metrics.ScoredTransaction;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Evaluates a model on a test window with the handbook's protocol (the split already excludes known-compromised
 * customers): scores every transaction, then computes the {@link Evaluation}. Segments for the fairness section
 * come from fraud_v1 features: the customer's spending band (30-day mean amount) and night versus day.
 */
public final class Evaluator {

  /** Card precision is over the top 100 customers per day, as in the handbook. */
  public static final int CARD_PRECISION_K = 100;
  private static final double[] SPENDING_BANDS = {25, 50, 75};

  private final FeatureSet featureSet;
  private final double alertRate;

  /** @param alertRate the share of transactions the operating threshold should alert on, e.g. 0.01 */
  public Evaluator(FeatureSet featureSet, double alertRate) {
    this.featureSet = featureSet;
    this.alertRate = alertRate;
  }

  /** Scores the examples with a copy of the model and evaluates. */
  public Scored score(FraudModel model, List<LabeledVector> examples) {
    FraudModel own = model.copy();
    double[] scores = new double[examples.size()];
    boolean[] frauds = new boolean[examples.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = own.score(ModelInput.of(examples.get(i).vector()));
      frauds[i] = examples.get(i).fraud();
    }
    return new Scored(examples, scores, frauds);
  }

  /** Examples with their scores, kept for the report's curves. */
  public record Scored(List<LabeledVector> examples, double[] scores, boolean[] frauds) {
  }

  public Evaluation evaluate(Scored scored) {
    double[] scores = scored.scores();
    boolean[] frauds = scored.frauds();
    List<ScoredTransaction> transactions = new ArrayList<>();
    long fraudCount = 0;
    for (int i = 0; i < scores.length; i++) {
      FeatureVector vector = scored.examples().get(i).vector();
      transactions.add(new ScoredTransaction(vector.getCustomerId(),
          vector.getEventTime().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay(), scores[i], frauds[i]));
      fraudCount += frauds[i] ? 1 : 0;
    }
    double threshold = Metrics.thresholdForAlertRate(scores, alertRate);
    Rates overall = rates(scores, frauds, index -> true, threshold);
    List<SegmentRates> segments = new ArrayList<>();
    segments.addAll(segments("spending band (30-day mean amount)", scored, threshold, this::spendingBand));
    segments.addAll(segments("time of day", scored, threshold, this::timeOfDay));
    return new Evaluation(scores.length, fraudCount, Metrics.aucRoc(scores, frauds),
        Metrics.averagePrecision(scores, frauds), Metrics.cardPrecisionAtK(transactions, CARD_PRECISION_K),
        Metrics.brierScore(scores, frauds), alertRate, threshold, overall.truePositiveRate(),
        overall.falsePositiveRate(), segments);
  }

  private List<SegmentRates> segments(String dimension, Scored scored, double threshold,
      Function<FeatureVector, String> segmentOf) {
    String[] segmentOfExample = new String[scored.scores().length];
    Map<String, Integer> sizes = new TreeMap<>();
    for (int i = 0; i < segmentOfExample.length; i++) {
      segmentOfExample[i] = segmentOf.apply(scored.examples().get(i).vector());
      sizes.merge(segmentOfExample[i], 1, Integer::sum);
    }
    List<SegmentRates> rates = new ArrayList<>();
    sizes.forEach((segment, size) -> {
      Rates segmentRates = rates(scored.scores(), scored.frauds(), i -> segmentOfExample[i].equals(segment),
          threshold);
      rates.add(new SegmentRates(dimension, segment, size, segmentRates.frauds(), segmentRates.truePositiveRate(),
          segmentRates.falsePositiveRate()));
    });
    return rates;
  }

  private String spendingBand(FeatureVector vector) {
    double mean = vector.getValues().get(featureSet.indexOf("CUSTOMER_ID_AVG_AMOUNT_30DAY_WINDOW"));
    for (int band = 0; band < SPENDING_BANDS.length; band++) {
      if (mean < SPENDING_BANDS[band]) {
        return band == 0 ? "under " + (int) SPENDING_BANDS[0]
            : (int) SPENDING_BANDS[band - 1] + " to " + (int) SPENDING_BANDS[band];
      }
    }
    return (int) SPENDING_BANDS[SPENDING_BANDS.length - 1] + " and over";
  }

  private String timeOfDay(FeatureVector vector) {
    return vector.getValues().get(featureSet.indexOf("TX_DURING_NIGHT")) > 0 ? "night (00-07)" : "day";
  }

  private record Rates(long frauds, double truePositiveRate, double falsePositiveRate) {
  }

  private static Rates rates(double[] scores, boolean[] frauds, IntPredicate member,
      double threshold) {
    long positives = 0;
    long negatives = 0;
    long truePositives = 0;
    long falsePositives = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!member.test(i)) {
        continue;
      }
      boolean alerted = scores[i] >= threshold;
      if (frauds[i]) {
        positives++;
        truePositives += alerted ? 1 : 0;
      } else {
        negatives++;
        falsePositives += alerted ? 1 : 0;
      }
    }
    return new Rates(positives, positives == 0 ? Double.NaN : (double) truePositives / positives,
        negatives == 0 ? Double.NaN : (double) falsePositives / negatives);
  }
}
