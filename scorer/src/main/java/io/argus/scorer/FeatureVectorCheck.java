package io.argus.scorer;

import io.argus.avro.FeatureVector;
import io.argus.avro.RejectReason;
import io.argus.features.FeatureSet;
import java.util.List;

/**
 * Checks a decoded feature vector against the feature set the scorer serves before it reaches a model: the version,
 * one finite value per static feature, and a sequence of one to {@code sequenceLength} steps (the current
 * transaction last) with one finite value per step feature. Runs once per record: the names are looked up once.
 */
final class FeatureVectorCheck {

  /** Why a vector cannot be scored. */
  record Problem(RejectReason reason, String detail) {
  }

  private final String version;
  private final List<String> staticNames;
  private final List<String> stepNames;
  private final int sequenceLength;

  FeatureVectorCheck(FeatureSet featureSet) {
    this.version = featureSet.version();
    this.staticNames = featureSet.staticNames();
    this.stepNames = featureSet.sequenceStepNames();
    this.sequenceLength = featureSet.sequenceLength();
  }

  /** The first problem found, or {@code null} when the vector can be scored. */
  Problem check(FeatureVector vector) {
    if (vector.getTransactionId().isBlank()) {
      return new Problem(RejectReason.MISSING_FIELD, "transactionId is blank");
    }
    if (!version.equals(vector.getFeatureSetVersion())) {
      return new Problem(RejectReason.INVALID_FIELD, "featureSetVersion is " + vector.getFeatureSetVersion()
          + ", the scorer serves " + version);
    }
    Problem values = checkValues("values", vector.getValues(), staticNames);
    if (values != null) {
      return values;
    }
    List<List<Double>> sequence = vector.getSequence();
    if (sequence.isEmpty() || sequence.size() > sequenceLength) {
      return new Problem(RejectReason.INVALID_FIELD, "sequence has " + sequence.size() + " steps, expected 1 to "
          + sequenceLength + " (the current transaction last)");
    }
    for (int step = 0; step < sequence.size(); step++) {
      Problem problem = checkValues("sequence", step, sequence.get(step), stepNames);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static Problem checkValues(String field, List<Double> values, List<String> names) {
    return checkValues(field, -1, values, names);
  }

  /** {@code step} is -1 for the static values; the field is named only when something is wrong. */
  private static Problem checkValues(String field, int step, List<Double> values, List<String> names) {
    if (values.size() != names.size()) {
      return new Problem(RejectReason.INVALID_FIELD, name(field, step) + " has " + values.size()
          + " values, expected " + names.size() + " " + names);
    }
    for (int i = 0; i < values.size(); i++) {
      if (!Double.isFinite(values.get(i))) {
        return new Problem(RejectReason.INVALID_FIELD, name(field, step) + "[" + i + "] (" + names.get(i) + ") is "
            + values.get(i));
      }
    }
    return null;
  }

  private static String name(String field, int step) {
    return step < 0 ? field : field + "[" + step + "]";
  }
}
