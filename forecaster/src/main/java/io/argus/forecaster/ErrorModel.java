package io.argus.forecaster;

/**
 * What a fitted model says about its own forecast errors: their standard deviation at each step ahead, and the
 * degrees of freedom of the one-step variance it was estimated with (the in-sample errors less the parameters fitted,
 * the initial states among them), so that intervals use Student's t quantiles: on a history of two or three seasons
 * the variance itself is uncertain, and a normal quantile would make the interval too narrow.
 */
public record ErrorModel(double[] standardDeviations, int degreesOfFreedom) {

  public ErrorModel {
    if (degreesOfFreedom < 1) {
      throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + degreesOfFreedom);
    }
    for (double deviation : standardDeviations) {
      if (!(deviation >= 0) || Double.isInfinite(deviation)) {
        throw new IllegalArgumentException("standard deviations must be finite and not negative, got " + deviation);
      }
    }
  }
}
