package io.argus.model.network;

import io.argus.features.FeatureDefinition;
import io.argus.features.FeatureDefinition.Normalisation;
import java.util.Arrays;
import java.util.List;

/**
 * Turns raw feature values into what a network reads, following each feature's declared {@link Normalisation}:
 * as is, standardised, or log-standardised ({@code sign(x) log(1 + |x|)}, then standardised). Means and deviations
 * are fitted on the training window only and travel in the model artifact.
 */
public record Normaliser(List<String> names, List<Normalisation> kinds, double[] means, double[] deviations) {

  private static final double MINIMUM_DEVIATION = 1e-9;

  public Normaliser {
    names = List.copyOf(names);
    kinds = List.copyOf(kinds);
    if (kinds.size() != names.size() || means.length != names.size() || deviations.length != names.size()) {
      throw new IllegalArgumentException("normaliser for " + names + " has " + kinds.size() + " kinds, "
          + means.length + " means and " + deviations.length + " deviations");
    }
  }

  /** Fits means and deviations over raw rows (each in the order of {@code features}). */
  public static Normaliser fit(List<FeatureDefinition> features, Iterable<double[]> rows) {
    int width = features.size();
    List<Normalisation> kinds = features.stream().map(FeatureDefinition::normalisation).toList();
    double[] sums = new double[width];
    double[] squares = new double[width];
    long count = 0;
    for (double[] row : rows) {
      for (int i = 0; i < width; i++) {
        double value = transform(kinds.get(i), row[i]);
        sums[i] += value;
        squares[i] += value * value;
      }
      count++;
    }
    double[] means = new double[width];
    double[] deviations = new double[width];
    for (int i = 0; i < width; i++) {
      if (kinds.get(i) == Normalisation.NONE || count == 0) {
        deviations[i] = 1;
        continue;
      }
      means[i] = sums[i] / count;
      double variance = Math.max(0, squares[i] / count - means[i] * means[i]);
      deviations[i] = Math.max(Math.sqrt(variance), MINIMUM_DEVIATION);
    }
    return new Normaliser(features.stream().map(FeatureDefinition::name).toList(), kinds, means, deviations);
  }

  public int width() {
    return names.size();
  }

  /** The normalised value of feature {@code index}. */
  public double normalise(int index, double raw) {
    return (transform(kinds.get(index), raw) - means[index]) / deviations[index];
  }

  private static double transform(Normalisation kind, double raw) {
    return kind == Normalisation.LOG_STANDARDIZE ? Math.signum(raw) * Math.log1p(Math.abs(raw)) : raw;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Normaliser that && names.equals(that.names) && kinds.equals(that.kinds)
        && Arrays.equals(means, that.means) && Arrays.equals(deviations, that.deviations);
  }

  @Override
  public int hashCode() {
    return names.hashCode() * 31 + Arrays.hashCode(means);
  }
}
