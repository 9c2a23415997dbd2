package io.argus.pipeline.dashboard;

import io.argus.avro.FeatureVector;
import io.argus.features.FeatureSet;
import io.argus.features.FraudV1;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One transaction's features by name, in the {@code fraud_v1} declared order: the static values and the card's recent
 * transactions (oldest first, this one last). It is what {@code GET /api/features/{id}} returns, what the what-if
 * panel edits and what it posts to the scorer's {@code POST /score}.
 */
record NamedFeatures(
    String transactionId, String featureSetVersion, Map<String, Double> values, List<Map<String, Double>> sequence) {

  /** Names a vector's values; empty when it is not a {@code fraud_v1} vector of the declared shape. */
  static Optional<NamedFeatures> of(FeatureVector vector) {
    FeatureSet featureSet = FraudV1.FEATURE_SET;
    if (!featureSet.version().equals(vector.getFeatureSetVersion())) {
      return Optional.empty();
    }
    List<String> stepNames = featureSet.sequenceStepNames();
    if (vector.getValues().size() != featureSet.staticFeatures().size()
        || vector.getSequence().stream().anyMatch(step -> step.size() != stepNames.size())) {
      return Optional.empty();
    }
    List<Map<String, Double>> sequence = new ArrayList<>();
    for (List<Double> step : vector.getSequence()) {
      sequence.add(named(stepNames, step));
    }
    return Optional.of(new NamedFeatures(vector.getTransactionId(), featureSet.version(),
        named(featureSet.staticNames(), vector.getValues()), Collections.unmodifiableList(sequence)));
  }

  private static Map<String, Double> named(List<String> names, List<Double> values) {
    Map<String, Double> named = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      named.put(names.get(i), values.get(i));
    }
    return Collections.unmodifiableMap(named);
  }
}
