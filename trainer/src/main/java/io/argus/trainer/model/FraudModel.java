package io.argus.trainer.model;

import java.util.List;

/**
 * A trained fraud classifier as the scorer and the explainer see it: raw features in, fraud probabilities out. The
 * normalisation fitted at training time is inside the model. Implementations backed by DL4J networks are not
 * thread-safe: each thread uses its own {@link #copy()}.
 */
public interface FraudModel {

  /** Model family: {@code lstm}, {@code transformer}, {@code mlp}, or {@code linear} (tests). */
  String family();

  /** Static feature names the model expects, in order. */
  List<String> featureNames();

  /** Sequence-step feature names the model expects, in order (empty for a model that ignores the sequence). */
  List<String> sequenceFeatureNames();

  /** Fraud probabilities, one per input, in order. */
  double[] score(List<ModelInput> inputs);

  default double score(ModelInput input) {
    return score(List.of(input))[0];
  }

  /** An independent instance with the same parameters, for another thread. */
  FraudModel copy();
}
