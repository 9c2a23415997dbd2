package io.argus.model.features;

import io.argus.avro.FeatureVector;
import io.argus.features.FeatureSet;
import java.util.List;

/**
 * The one check of a transaction's raw features against the shape of a feature set: one finite value per static
 * feature, and a sequence of 1 to {@code sequenceLength} steps (the card's recent transactions, oldest first, the
 * current one last) of one finite value per step feature. The scorer's stream, its {@code POST /score} (through
 * {@link NamedFeaturesJson}) and the dashboard all ask it. It allocates nothing when the features fit, so it runs on
 * every record of the scoring path.
 */
public final class FeatureShape {

  private final FeatureSet featureSet;
  private final List<String> staticNames;
  private final List<String> stepNames;

  public FeatureShape(FeatureSet featureSet) {
    this.featureSet = featureSet;
    this.staticNames = featureSet.staticNames();
    this.stepNames = featureSet.sequenceStepNames();
  }

  public FeatureSet featureSet() {
    return featureSet;
  }

  /** Whether a sequence of {@code steps} steps fits: 1 to the feature set's sequence length. */
  public boolean fitsSequenceOf(int steps) {
    return steps >= 1 && steps <= featureSet.sequenceLength();
  }

  /** The first problem of a feature vector (its feature-set version, then its values), or {@code null}. */
  public String problem(FeatureVector vector) {
    if (!featureSet.version().equals(vector.getFeatureSetVersion())) {
      return "featureSetVersion is " + vector.getFeatureSetVersion() + ", expected " + featureSet.version();
    }
    return problem("values", vector.getValues(), vector.getSequence());
  }

  /**
   * The first problem of a transaction's features read straight into arrays (the scorer's stream), with the same
   * messages as {@link #problem(FeatureVector)}, or {@code null}.
   */
  public String problem(String featureSetVersion, double[] values, double[][] sequence) {
    if (!featureSet.version().equals(featureSetVersion)) {
      return "featureSetVersion is " + featureSetVersion + ", expected " + featureSet.version();
    }
    String problem = problem("values", -1, values, staticNames);
    if (problem != null) {
      return problem;
    }
    if (!fitsSequenceOf(sequence.length)) {
      return "sequence has " + sequence.length + " steps, expected 1 to " + featureSet.sequenceLength()
          + " (the current transaction last)";
    }
    for (int step = 0; step < sequence.length; step++) {
      problem = problem("sequence", step, sequence[step], stepNames);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /**
   * The first problem of raw features, or {@code null} when they fit.
   *
   * @param staticField what the static values are called where they come from ({@code values} in a
   *     {@code FeatureVector}, {@code features} in the named-features JSON), for the message
   */
  public String problem(String staticField, List<Double> values, List<List<Double>> sequence) {
    String problem = problem(staticField, -1, values, staticNames);
    if (problem != null) {
      return problem;
    }
    if (!fitsSequenceOf(sequence.size())) {
      return "sequence has " + sequence.size() + " steps, expected 1 to " + featureSet.sequenceLength()
          + " (the current transaction last)";
    }
    for (int step = 0; step < sequence.size(); step++) {
      problem = problem("sequence", step, sequence.get(step), stepNames);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** {@code step} is -1 for the static values; the field is named only when something is wrong. */
  private static String problem(String field, int step, List<Double> values, List<String> names) {
    if (values.size() != names.size()) {
      return name(field, step) + " has " + values.size() + " values, expected " + names.size() + " " + names;
    }
    for (int i = 0; i < values.size(); i++) {
      Double value = values.get(i);
      if (value == null || !Double.isFinite(value)) {
        return name(field, step) + "[" + i + "] (" + names.get(i) + ") is " + value;
      }
    }
    return null;
  }

  private static String problem(String field, int step, double[] values, List<String> names) {
    if (values.length != names.size()) {
      return name(field, step) + " has " + values.length + " values, expected " + names.size() + " " + names;
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return name(field, step) + "[" + i + "] (" + names.get(i) + ") is " + values[i];
      }
    }
    return null;
  }

  private static String name(String field, int step) {
    return step < 0 ? field : field + "[" + step + "]";
  }
}
