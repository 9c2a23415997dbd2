package io.argus.forecaster;

/**
 * A forecast of {@code mean.length} consecutive points with a prediction interval at a nominal level: each actual
 * value should fall inside {@code [lower[i], upper[i]]} with probability {@code level}.
 */
public record Prediction(double[] mean, double[] lower, double[] upper, double level) {

  public Prediction {
    if (mean.length != lower.length || mean.length != upper.length) {
      throw new IllegalArgumentException("mean, lower and upper need the same length, got " + mean.length + ", "
          + lower.length + ", " + upper.length);
    }
  }

  public int horizon() {
    return mean.length;
  }
}
