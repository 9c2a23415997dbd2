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
 * Additive Holt-Winters exponential smoothing: a level, a linear trend and a seasonal profile, each updated after
 * every observation with its own smoothing weight (alpha, beta, gamma in (0, 1)). {@link #fit} chooses the weights
 * that minimise the sum of squared one-step-ahead errors over the training part (Nelder-Mead over the logits of the
 * weights, from a few starting points, with commons-math's {@link SimplexOptimizer}), as R's {@code HoltWinters} and
 * statsmodels do.
 *
 * <p>The initial state comes from the first two to four whole periods: the level and trend from the period means,
 * the seasonal profile from the average deviation of each phase from that trend.
 */
public final class HoltWinters extends SeasonalForecaster {

  public static final String NAME = "holt_winters";
  /** Evaluations of the squared error per starting point, at most; a fit usually converges in 110-240. */
  private static final int MAX_EVALUATIONS = 400;
  /** Converged: no vertex of the simplex changes its squared error by more than this share in an iteration. */
  private static final double RELATIVE_TOLERANCE = 1e-10;
  /** Side of the starting simplex, in logits. */
  private static final double INITIAL_STEP = 1.0;
  private static final double[][] STARTS = {{0.2, 0.01, 0.1}, {0.05, 0.001, 0.02}, {0.5, 0.05, 0.3}};

  private double[] weights;

  public HoltWinters(int period, int horizon) {
    super(NAME, period, horizon);
  }

  /** A model with the given smoothing weights, no fitting needed. */
  public static HoltWinters withWeights(int period, int horizon, double alpha, double beta, double gamma) {
    HoltWinters model = new HoltWinters(period, horizon);
    model.weights = new double[] {requireWeight("alpha", alpha), requireWeight("beta", beta),
        requireWeight("gamma", gamma)};
    return model;
  }

  /** Two periods to initialise the state and one more to fit the weights on. */
  @Override
  public int minimumHistory() {
    return 3 * period;
  }

  @Override
  public void fit(double[] series, int end) {
    requireHistory(series, end);
    double[] bestLogits = null;
    double bestError = Double.POSITIVE_INFINITY;
    for (double[] start : STARTS) {
      double[] startLogits = {logit(start[0]), logit(start[1]), logit(start[2])};
      double[] logits = minimise(candidate -> new State(series, end, sigmoid(candidate)).squaredError, startLogits);
      double error = new State(series, end, sigmoid(logits)).squaredError;
      if (error < bestError) {
        bestError = error;
        bestLogits = logits;
      }
    }
    if (bestLogits == null) {
      throw new IllegalArgumentException("holt_winters found no stable weights for a series of " + end
          + " points (values too large or not finite?)");
    }
    weights = sigmoid(bestLogits);
  }

  @Override
  public double[] forecast(double[] series, int origin) {
    requireHistory(series, origin);
    if (weights == null) {
      throw new IllegalStateException("holt_winters: fit before forecast");
    }
    State state = new State(series, origin, weights);
    double[] points = new double[horizon];
    for (int step = 1; step <= horizon; step++) {
      points[step - 1] = state.level + step * state.trend + state.seasonal[(origin + step - 1) % period];
    }
    return points;
  }

  /** The fitted alpha, beta, gamma. */
  public double[] weights() {
    return weights == null ? null : weights.clone();
  }

  /**
   * Nelder-Mead from {@code start} until no vertex's value changes by more than {@link #RELATIVE_TOLERANCE} in an
   * iteration or after about {@link #MAX_EVALUATIONS}, whichever comes first; either way the best vertex. A value
   * that is not finite counts as infinitely bad, so an unstable region of weights is simply avoided. (The
   * optimizer's own evaluation and iteration limits throw instead of returning the best point so far, hence the
   * counting.)
   */
  private static double[] minimise(MultivariateFunction squaredError, double[] start) {
    CountingObjective objective = new CountingObjective(squaredError);
    SimpleValueChecker valuesAgree = new SimpleValueChecker(RELATIVE_TOLERANCE, 0);
    ConvergenceChecker<PointValuePair> checker = (iteration, previous, current) ->
        objective.evaluations >= MAX_EVALUATIONS || valuesAgree.converged(iteration, previous, current);
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

    State(double[] series, int end, double[] weights) {
      initialise(series, end);
      double alpha = weights[0];
      double beta = weights[1];
      double gamma = weights[2];
      for (int t = 0; t < end; t++) {
        int phase = t % period;
        double error = series[t] - (level + trend + seasonal[phase]);
        squaredError += error * error;
        double previousLevel = level;
        level = alpha * (series[t] - seasonal[phase]) + (1 - alpha) * (level + trend);
        trend = beta * (level - previousLevel) + (1 - beta) * trend;
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

  private static double[] sigmoid(double[] logits) {
    double[] values = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      values[i] = 1 / (1 + Math.exp(-logits[i]));
    }
    return values;
  }
}
