package io.argus.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A versioned, named group of features (like a Feast feature service): the static features of a transaction, and
 * the features of each step of the card's recent-transaction sequence. Training and serving ask for the same names
 * in the same order; a {@code FeatureVector}'s values follow {@link #staticFeatures()} and each sequence step
 * follows {@link #sequenceStep()}.
 */
public record FeatureSet(
    String version, List<FeatureDefinition> staticFeatures, List<FeatureDefinition> sequenceStep, int sequenceLength) {

  public FeatureSet {
    staticFeatures = List.copyOf(staticFeatures);
    sequenceStep = List.copyOf(sequenceStep);
    Map<String, Integer> seen = new HashMap<>();
    for (FeatureDefinition feature : staticFeatures) {
      if (seen.put(feature.name(), 0) != null) {
        throw new IllegalArgumentException(version + ": feature " + feature.name() + " is declared twice");
      }
    }
    for (FeatureDefinition feature : sequenceStep) {
      if (seen.put(feature.name(), 0) != null) {
        throw new IllegalArgumentException(version + ": feature " + feature.name() + " is declared twice");
      }
    }
    if (sequenceLength < 1) {
      throw new IllegalArgumentException(version + ": sequence length must be at least 1, got " + sequenceLength);
    }
  }

  public List<String> staticNames() {
    return staticFeatures.stream().map(FeatureDefinition::name).toList();
  }

  public List<String> sequenceStepNames() {
    return sequenceStep.stream().map(FeatureDefinition::name).toList();
  }

  /** The position of a static feature in a {@code FeatureVector}'s values. */
  public int indexOf(String name) {
    int index = staticNames().indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(version + " has no static feature named " + name);
    }
    return index;
  }
}
