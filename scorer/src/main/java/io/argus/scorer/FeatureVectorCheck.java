package io.argus.scorer;

import io.argus.avro.RejectReason;
import io.argus.features.FeatureSet;
import io.argus.model.features.FeatureShape;

/**
 * Checks a decoded feature vector before it reaches a model: a transaction id, then the feature set's shape
 * ({@link FeatureShape}: the version, one finite value per static feature, and a sequence of one to
 * {@code sequenceLength} steps, the current transaction last, with one finite value per step feature). Runs once per
 * record: the names are looked up once.
 */
final class FeatureVectorCheck {

  /** Why a vector cannot be scored. */
  record Problem(RejectReason reason, String detail) {
  }

  private final FeatureShape shape;

  FeatureVectorCheck(FeatureSet featureSet) {
    this.shape = new FeatureShape(featureSet);
  }

  /** The first problem found, or {@code null} when the vector can be scored. */
  Problem check(TransactionFeatures features) {
    if (features.transactionId().isBlank()) {
      return new Problem(RejectReason.MISSING_FIELD, "transactionId is blank");
    }
    String problem = shape.problem(features.featureSetVersion(), features.input().values(),
        features.input().sequence());
    return problem == null ? null : new Problem(RejectReason.INVALID_FIELD, problem);
  }
}
