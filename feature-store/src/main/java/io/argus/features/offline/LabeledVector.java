package io.argus.features.offline;

import io.argus.avro.FeatureVector;

/**
 * A feature vector with the outcome known at the dataset's cut-off: what the trainer learns from.
 *
 * @param fraud whether the transaction was reported as fraud before the cut-off (false when no label was known)
 */
public record LabeledVector(FeatureVector vector, boolean fraud) {
}
