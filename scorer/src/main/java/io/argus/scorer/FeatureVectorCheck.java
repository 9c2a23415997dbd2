package io.argus.scorer;

import io.argus.avro.FeatureVector;
import io.argus.avro.RejectReason;
import io.argus.features.FeatureSet;
import java.util.List;

/**
 * Checks a decoded feature vector against the feature set the scorer serves before it reaches a model: the version,
 * one finite value per static feature, and a sequence of one to {@code sequenceLength} steps (the current
 * transaction last) with one finite value per step feature.
 */
final class FeatureVectorCheck {

  /** Why a vector cannot be scored. */
  record Problem(RejectReason reason, String detail) {
  }

  private FeatureVectorCheck() {
  }

  /** The first problem found, or {@code null} when the vector can be scored. */
  static Problem check(FeatureVector vector, FeatureSet featureSet) {
    if (vector.getTransactionId().isBlank()) {
      return new Problem(RejectReason.MISSING_FIELD, "transactionId is blank");
    }
    if (!featureSet.version().equals(vector.getFeatureSetVersion())) {
      return new Problem(RejectReason.INVALID_FIELD, "featureSetVersion is " + vector.getFeatureSetVersion()
          + ", the scorer serves " + featureSet.version());
    }
    Problem values = checkValues("values", vector.getValues(), featureSet.staticNames());
    if (values != null) {
      return values;
    }
    List<List<Double>> sequence = vector.getSequence();
    if (sequence.isEmpty() || sequence.size() > featureSet.sequenceLength()) {
      return new Problem(RejectReason.INVALID_FIELD, "sequence has " + sequence.size() + " steps, expected 1 to "
          + featureSet.sequenceLength() + " (the current transaction last)");
    }
    for (int step = 0; step < sequence.size(); step++) {
      Problem problem = checkValues("sequence[" + step + "]", sequence.get(step), featureSet.sequenceStepNames());
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static Problem checkValues(String field, List<Double> values, List<String> names) {
    if (values.size() != names.size()) {
      return new Problem(RejectReason.INVALID_FIELD, field + " has " + values.size() + " values, expected "
          + names.size() + " " + names);
    }
    for (int i = 0; i < values.size(); i++) {
      if (!Double.isFinite(values.get(i))) {
        return new Problem(RejectReason.INVALID_FIELD, field + "[" + i + "] (" + names.get(i) + ") is "
            + values.get(i));
      }
    }
    return null;
  }
}
