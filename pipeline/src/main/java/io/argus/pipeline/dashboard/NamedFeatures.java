package io.argus.pipeline.dashboard;

import io.argus.avro.FeatureVector;
import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import io.argus.model.ModelInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One transaction's features by name, in the {@code fraud_v1} declared order: the static features and the card's
 * recent transactions (oldest first, this one last). As JSON ({@code transaction_id}, {@code features},
 * {@code sequence}) it is what {@code GET /api/features/{id}} returns, what the what-if panel edits and the body of the
 * scorer's {@code POST /score}.
 */
record NamedFeatures(String transactionId, Map<String, Double> features, List<Map<String, Double>> sequence) {

  private static final FeatureSet FEATURE_SET = FraudV1.FEATURE_SET;

  /** Whether {@code vector} is a {@code fraud_v1} vector of the declared shape. */
  static boolean isFraudV1(FeatureVector vector) {
    int stepSize = FEATURE_SET.sequenceStep().size();
    return FEATURE_SET.version().equals(vector.getFeatureSetVersion())
        && vector.getValues().size() == FEATURE_SET.staticFeatures().size()
        && vector.getSequence().size() <= FEATURE_SET.sequenceLength()
        && vector.getSequence().stream().allMatch(step -> step.size() == stepSize);
  }

  /** Names the raw values of a {@code fraud_v1} input (see {@link #isFraudV1}). */
  static NamedFeatures of(String transactionId, ModelInput input) {
    List<Map<String, Double>> sequence = new ArrayList<>();
    for (double[] step : input.sequence()) {
      sequence.add(named(FEATURE_SET.sequenceStepNames(), step));
    }
    return new NamedFeatures(transactionId, named(FEATURE_SET.staticNames(), input.values()),
        Collections.unmodifiableList(sequence));
  }

  private static Map<String, Double> named(List<String> names, double[] values) {
    Map<String, Double> named = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      named.put(names.get(i), values[i]);
    }
    return Collections.unmodifiableMap(named);
  }
}
