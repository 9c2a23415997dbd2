package io.argus.model;

import java.util.List;
import java.util.Optional;

/**
 * A trained fraud classifier as the scorer and the explainer see it: raw features in, fraud probabilities out. The
 * normalisation fitted at training time is inside the model.
 *
 * <p>Every model has two stages: a sequence encoder that turns the card's recent transactions into a fixed-size
 * encoding (empty for models that ignore the sequence), and a head that turns that encoding plus the static
 * features into a probability. {@code score(x) == scoreEncoded(encodeSequence(x.sequence()), x.values())}. The
 * split lets an explainer that varies static features and earlier events separately run the expensive encoder
 * once per distinct sequence instead of once per coalition.
 *
 * <p>Implementations are not thread-safe (they keep scratch buffers): each thread uses its own {@link #copy()}.
 */
public interface FraudModel {

  /** Model family: {@code lstm}, {@code transformer}, {@code mlp}, or {@code linear} (tests). */
  String family();

  /** Static feature names the model expects, in order. */
  List<String> featureNames();

  /** Sequence-step feature names the model expects, in order (empty for a model that ignores the sequence). */
  List<String> sequenceFeatureNames();

  /**
   * Stage one: the card's recent transactions (raw values, oldest first, the current one last) to an encoding.
   * Models that ignore the sequence return an empty array.
   */
  double[] encodeSequence(double[][] sequence);

  /** Stage two: the fraud probability from a sequence encoding and the raw static feature values. */
  double scoreEncoded(double[] encoding, double[] values);

  /**
   * The static values as the head reads them (the networks normalise them). A value is prepared on its own: its
   * prepared value depends on that raw value only, so an explainer may mix two inputs' prepared values feature by
   * feature, preparing each input once. The default is a copy of the raw values; a model that overrides this must
   * override {@link #scorePrepared} to match.
   */
  default double[] prepareValues(double[] values) {
    return values.clone();
  }

  /** Stage two from prepared values: {@code scorePrepared(e, prepareValues(v)) == scoreEncoded(e, v)}, exactly. */
  default double scorePrepared(double[] encoding, double[] prepared) {
    return scoreEncoded(encoding, prepared);
  }

  /**
   * The head's first layer split into its two inputs' shares, for a model whose head begins with a linear map (the
   * networks' dense layer): {@code scorePrepared(e, p)} equals {@code finish(encodingShare(e) + valuesShare(p))} up
   * to rounding. An explainer that mixes a few encodings with a few sets of static values computes each share once
   * and adds two shares per coalition. Empty by default. The split shares this model's scratch buffers: same thread.
   */
  default Optional<SplitHead> splitHead() {
    return Optional.empty();
  }

  /** See {@link #splitHead()}. */
  interface SplitHead {

    /** How many values a share has: the first layer's outputs. */
    int width();

    /** Writes the encoding's share of the first layer's sum into {@code share} ({@link #width()} values). */
    void encodingShare(double[] encoding, double[] share);

    /** Writes the prepared static values' share, the bias included, into {@code share}. */
    void valuesShare(double[] prepared, double[] share);

    /** The fraud probability from the first layer's sum, the two shares added; overwrites {@code sum}. */
    double finish(double[] sum);
  }

  /** The fraud probability of one input. */
  default double score(ModelInput input) {
    return scoreEncoded(encodeSequence(input.sequence()), input.values());
  }

  /** Fraud probabilities, one per input, in order. Implementations may batch. */
  default double[] score(List<ModelInput> inputs) {
    double[] scores = new double[inputs.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = score(inputs.get(i));
    }
    return scores;
  }

  /** An independent instance with the same parameters, for another thread. */
  FraudModel copy();
}
