package io.argus.forecaster;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.ConvergenceChecker;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Additive Holt-Winters exponential smoothing: a level, a trend and a seasonal profile, each updated after every
 * observation with its own smoothing weight (alpha, beta, gamma in (0, 1)). {@link #fit} chooses the weights that
 * minimise the sum of squared one-step-ahead errors over the training part (Nelder-Mead over the logits of the
 * weights, from a few starting points, with commons-math's {@link SimplexOptimizer}), as R's {@code HoltWinters}
 * and statsmodels do.
 *
 * <p>The {@linkplain #damped damped} variant multiplies the trend by phi in [0.8, 0.98] at every step (Gardner and
 * McKenzie 1985), fitted with the weights, so a forecast levels off instead of extrapolating the latest slope for
 * ever: {@code level + (phi + phi^2 + ... + phi^h) trend + season}. On short and noisy series, where a slope fitted
 * on two seasons is mostly noise, it is the safer choice (it won the M3 competition's comparisons of exponential
 * smoothing).
 *
 * <p>The initial state comes from the first two to four whole periods: the level and trend from the period means,
 * the seasonal profile from the average deviation of each phase from that trend. Two periods are enough to fit.
 *
 * <p>Its error model is that of the equivalent state-space model, ETS(A,A,A) or ETS(A,Ad,A) (Hyndman, Koehler, Ord
 * and Snyder, <i>Forecasting with Exponential Smoothing</i>, 2008, chapter 6): the one-step variance is the sum of
 * squared one-step errors divided by its degrees of freedom, the observations less the parameters (the weights and
 * the period + 2 initial states), and {@code h} steps ahead it is {@code sigma^2 (1 + sum over j < h of c_j^2)} with
 * {@code c_j = alpha (1 + beta phi_j) + gamma (1 - alpha) [j is a multiple of the period]},
 * {@code phi_j = phi + ... + phi^j} ({@code j} for the undamped trend).
 */
public final class HoltWinters extends SeasonalForecaster {

  public static final String NAME = "holt_winters";
  public static final String DAMPED_NAME = "holt_winters_damped";
  /**
   * Evaluations of the squared error per starting point, at most; a fit of the three weights usually converges in
   * 110-240, a damped fit (four) takes about a third more.
   */
  private static final int MAX_EVALUATIONS = 400;
  private static final int MAX_EVALUATIONS_DAMPED = 550;
  /** The damping factor's range, as in R's {@code forecast::ets}. */
  private static final double PHI_MIN = 0.8;
  private static final double PHI_MAX = 0.98;
  private static final double PHI_START = 0.9;
  /** Converged: no vertex of the simplex changes its squared error by more than this share in an iteration. */
  private static final double RELATIVE_TOLERANCE = 1e-10;
  /** Side of the starting simplex, in logits. */
  private static final double INITIAL_STEP = 1.0;
  private static final double[][] STARTS = {{0.2, 0.01, 0.1}, {0.05, 0.001, 0.02}, {0.5, 0.05, 0.3}};

  private final boolean damped;
  /** alpha, beta, gamma and phi (1 for the undamped trend). */
  private double[] weights;
  private double oneStepVariance = Double.NaN;
  private int degreesOfFreedom;
  /** The variance of the seasonal profile's estimate at the end of the fitted history, as a share of oneStepVariance. */
  private double seasonalEstimateShare = Double.NaN;

  /** Holt-Winters with a linear trend. */
  public HoltWinters(int period, int horizon) {
    this(NAME, period, horizon, false);
  }

  private HoltWinters(String name, int period, int horizon, boolean damped) {
    super(name, period, horizon);
    this.damped = damped;
  }

  /** Holt-Winters with a damped trend, phi fitted with the weights. */
  public static HoltWinters damped(int period, int horizon) {
    return new HoltWinters(DAMPED_NAME, period, horizon, true);
  }

  /** A model with the given smoothing weights and a linear trend, no fitting needed. */
  public static HoltWinters withWeights(int period, int horizon, double alpha, double beta, double gamma) {
    HoltWinters model = new HoltWinters(period, horizon);
    model.weights = new double[] {requireWeight("alpha", alpha), requireWeight("beta", beta),
        requireWeight("gamma", gamma), 1};
    return model;
  }

  /** A model with the given smoothing weights and damping factor, no fitting needed. */
  public static HoltWinters withWeights(int period, int horizon, double alpha, double beta, double gamma,
      double phi) {
    if (!(phi >= PHI_MIN && phi <= PHI_MAX)) {
      throw new IllegalArgumentException("phi must be in [" + PHI_MIN + ", " + PHI_MAX + "], got " + phi);
    }
    HoltWinters model = damped(period, horizon);
    model.weights = new double[] {requireWeight("alpha", alpha), requireWeight("beta", beta),
        requireWeight("gamma", gamma), phi};
    return model;
  }

  /** Two periods: the initial state comes from them, and the weights are fitted on every step from the first. */
  @Override
  public int minimumHistory() {
    return 2 * period;
  }

  @Override
  public void fit(double[] series, int end) {
    requireHistory(series, end);
    double[] bestParameters = null;
    double bestError = Double.POSITIVE_INFINITY;
    for (double[] start : STARTS) {
      double[] startParameters = damped
          ? new double[] {logit(start[0]), logit(start[1]), logit(start[2]), logit(unitPhi(PHI_START))}
          : new double[] {logit(start[0]), logit(start[1]), logit(start[2])};
      double[] parameters = minimise(candidate -> new State(series, end, weights(candidate)).squaredError,
          startParameters, damped ? MAX_EVALUATIONS_DAMPED : MAX_EVALUATIONS);
      double error = new State(series, end, weights(parameters)).squaredError;
      if (error < bestError) {
        bestError = error;
        bestParameters = parameters;
      }
    }
    if (bestParameters == null) {
      throw new IllegalArgumentException(name() + " found no stable weights for a series of " + end
          + " points (values too large or not finite?)");
    }
    weights = weights(bestParameters);
    int parameters = (damped ? 4 : 3) + period + 2;
    degreesOfFreedom = Math.max(1, end - parameters);
    oneStepVariance = bestError / degreesOfFreedom;
    seasonalEstimateShare = seasonalEstimateShare(end, weights[2]);
  }

  /**
   * The noise the seasonal profile carries at the end of {@code end} points, as a share of the one-step variance:
   * each phase starts as the mean of the first {@code k} periods' deviations (1/k of it), and each of the
   * {@code m} updates since shrinks that by (1 - gamma)^2 and adds gamma^2 of its own. The state-space variance
   * treats the state as known; on a short history this estimate's error is a large part of the forecast's.
   */
  private double seasonalEstimateShare(int end, double gamma) {
    int initialPeriods = Math.max(2, Math.min(4, end / period / 2));
    int updates = end / period;
    double decay = (1 - gamma) * (1 - gamma);
    double share = 1.0 / initialPeriods;
    for (int update = 0; update < updates; update++) {
      share = decay * share + gamma * gamma;
    }
    return share;
  }

  @Override
  public double[] forecast(double[] series, int origin) {
    requireHistory(series, origin);
    if (weights == null) {
      throw new IllegalStateException("holt_winters: fit before forecast");
    }
    State state = new State(series, origin, weights);
    double phi = weights[3];
    double[] points = new double[horizon];
    double trendSum = 0;
    double phiPower = 1;
    for (int step = 1; step <= horizon; step++) {
      phiPower *= phi;
      trendSum += phiPower;
      points[step - 1] = state.level + trendSum * state.trend + state.seasonal[(origin + step - 1) % period];
    }
    return points;
  }

  @Override
  double[] inSampleErrors(double[] series, int end) {
    if (weights == null) {
      throw new IllegalStateException(name() + ": fit before asking for its errors");
    }
    return new State(series, end, weights, true).errors;
  }

  @Override
  public boolean hasErrorModel() {
    return true;
  }

  @Override
  public ErrorModel errorModel() {
    if (Double.isNaN(oneStepVariance)) {
      throw new IllegalStateException(name() + ": fit before asking for the error model");
    }
    double alpha = weights[0];
    double beta = weights[1];
    double gamma = weights[2];
    double phi = weights[3];
    double[] deviations = new double[horizon];
    double variance = oneStepVariance * (1 + seasonalEstimateShare);
    double phiSum = 0;
    double phiPower = 1;
    deviations[0] = Math.sqrt(variance);
    for (int j = 1; j < horizon; j++) {
      phiPower *= phi;
      phiSum += phiPower;
      double effect = alpha * (1 + beta * phiSum) + (j % period == 0 ? gamma * (1 - alpha) : 0);
      variance += oneStepVariance * effect * effect;
      deviations[j] = Math.sqrt(variance);
    }
    return new ErrorModel(deviations, degreesOfFreedom);
  }

  /** The fitted alpha, beta, gamma (and phi, for the damped trend). */
  public double[] weights() {
    if (weights == null) {
      return null;
    }
    return damped ? weights.clone() : new double[] {weights[0], weights[1], weights[2]};
  }

  /**
   * Nelder-Mead from {@code start} until no vertex's value changes by more than {@link #RELATIVE_TOLERANCE} in an
   * iteration or after about {@code maxEvaluations}, whichever comes first; either way the best vertex. A value
   * that is not finite counts as infinitely bad, so an unstable region of weights is simply avoided. (The
   * optimizer's own evaluation and iteration limits throw instead of returning the best point so far, hence the
   * counting.)
   */
  private static double[] minimise(MultivariateFunction squaredError, double[] start, int maxEvaluations) {
    CountingObjective objective = new CountingObjective(squaredError);
    SimpleValueChecker valuesAgree = new SimpleValueChecker(RELATIVE_TOLERANCE, 0);
    ConvergenceChecker<PointValuePair> checker = (iteration, previous, current) ->
        objective.evaluations >= maxEvaluations || valuesAgree.converged(iteration, previous, current);
    PointValuePair best = new SimplexOptimizer(checker).optimize(new ObjectiveFunction(objective),
        GoalType.MINIMIZE, new InitialGuess(start), new NelderMeadSimplex(start.length, INITIAL_STEP),
        MaxEval.unlimited());
    return best.getPoint();
  }

  /** A function that counts its evaluations and turns a value that is not finite into positive infinity. */
  private static final class CountingObjective implements MultivariateFunction {
    private final MultivariateFunction function;
    private int evaluations;

    CountingObjective(MultivariateFunction function) {
      this.function = function;
    }

    @Override
    public double value(double[] point) {
      evaluations++;
      double value = function.value(point);
      return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
    }
  }

  /** The smoothing state after filtering {@code series[0, end)}, and the sum of squared one-step errors. */
  private final class State {
    double level;
    double trend;
    final double[] seasonal = new double[period];
    double squaredError;
    /** Each step's one-step error, when asked for. */
    double[] errors;

    State(double[] series, int end, double[] weights) {
      this(series, end, weights, false);
    }

    State(double[] series, int end, double[] weights, boolean keepErrors) {
      if (keepErrors) {
        errors = new double[end];
      }
      initialise(series, end);
      double alpha = weights[0];
      double beta = weights[1];
      double gamma = weights[2];
      double phi = weights[3];
      for (int t = 0; t < end; t++) {
        int phase = t % period;
        double dampedTrend = phi * trend;
        double error = series[t] - (level + dampedTrend + seasonal[phase]);
        squaredError += error * error;
        if (errors != null) {
          errors[t] = error;
        }
        double previousLevel = level;
        level = alpha * (series[t] - seasonal[phase]) + (1 - alpha) * (level + dampedTrend);
        trend = beta * (level - previousLevel) + (1 - beta) * dampedTrend;
        seasonal[phase] = gamma * (series[t] - level) + (1 - gamma) * seasonal[phase];
      }
    }

    /** Level and trend just before {@code t = 0}, and the seasonal profile, from the first whole periods. */
    private void initialise(double[] series, int end) {
      int periods = Math.max(2, Math.min(4, end / period / 2));
      double[] means = new double[periods];
      for (int p = 0; p < periods; p++) {
        for (int phase = 0; phase < period; phase++) {
          means[p] += series[p * period + phase] / period;
        }
      }
      trend = (means[periods - 1] - means[0]) / ((periods - 1) * period);
      double centre = (period - 1) / 2.0;
      double profileMean = 0;
      for (int phase = 0; phase < period; phase++) {
        double deviation = 0;
        for (int p = 0; p < periods; p++) {
          deviation += series[p * period + phase] - (means[p] + (phase - centre) * trend);
        }
        seasonal[phase] = deviation / periods;
        profileMean += seasonal[phase] / period;
      }
      for (int phase = 0; phase < period; phase++) {
        seasonal[phase] -= profileMean;
      }
      level = means[0] - (centre + 1) * trend;
    }
  }

  private static double requireWeight(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1), got " + value);
    }
    return value;
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  private static double sigmoid(double logit) {
    return 1 / (1 + Math.exp(-logit));
  }

  /** alpha, beta, gamma and phi from the optimised parameters: three logits, and a fourth for phi when damped. */
  private static double[] weights(double[] parameters) {
    double phi = parameters.length > 3 ? PHI_MIN + (PHI_MAX - PHI_MIN) * sigmoid(parameters[3]) : 1;
    return new double[] {sigmoid(parameters[0]), sigmoid(parameters[1]), sigmoid(parameters[2]), phi};
  }

  /** phi as a share of its range, for its logit. */
  private static double unitPhi(double phi) {
    return (phi - PHI_MIN) / (PHI_MAX - PHI_MIN);
  }
}
