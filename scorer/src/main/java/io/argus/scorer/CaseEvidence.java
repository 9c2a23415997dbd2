package io.argus.scorer;

import io.argus.avro.FeatureVector;
import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fraud alert carries for case review besides its explanation: the transaction's static features by name and
 * the card's recent transactions as the model saw them (each real step of the sequence by name, oldest first, this
 * one last; the zero padding in front is left out). With them an alert is self-contained: the dashboard rebuilds its
 * review queue from the alerts and the case decisions alone, without the high-volume features topic.
 */
final class CaseEvidence {

  private static final FeatureSet FEATURES = FraudV1.FEATURE_SET;
  private static final List<String> STATIC_NAMES = FEATURES.staticNames();
  private static final List<String> STEP_NAMES = FEATURES.sequenceStepNames();
  private static final int PRESENT = STEP_NAMES.indexOf(FraudV1.SEQ_PRESENT);

  private CaseEvidence() {
  }

  /** The static features by declared name (the vector has passed the shape check). */
  static Map<String, Double> features(FeatureVector vector) {
    Map<String, Double> features = new LinkedHashMap<>();
    List<Double> values = vector.getValues();
    for (int i = 0; i < STATIC_NAMES.size(); i++) {
      features.put(STATIC_NAMES.get(i), values.get(i));
    }
    return features;
  }

  /** The card's real recent transactions, oldest first, each step's features by declared name. */
  static List<Map<String, Double>> recentTransactions(FeatureVector vector) {
    List<Map<String, Double>> steps = new ArrayList<>();
    for (List<Double> step : vector.getSequence()) {
      if (PRESENT >= 0 && step.get(PRESENT) == 0.0) {
        continue;
      }
      Map<String, Double> named = new LinkedHashMap<>();
      for (int i = 0; i < STEP_NAMES.size(); i++) {
        named.put(STEP_NAMES.get(i), step.get(i));
      }
      steps.add(named);
    }
    return steps;
  }
}
