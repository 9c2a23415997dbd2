package io.argus.forecaster;

import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.weightinit.impl.XavierInitScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Deeplearning4j LSTM that forecasts all {@code horizon} points at once, on top of a seasonal baseline, in the
 * spirit of the M4 winner (Smyl's exponential smoothing + RNN hybrid): the baseline is the mean of the same phase
 * over the last {@link LstmSettings#seasonalLags()} periods, moved to the level of the last period, and the network
 * learns what the baseline misses (trend, recent deviations, the shape of the season).
 *
 * <p>The network runs along the forecast steps. At step {@code h} it sees the baseline (relative to the level), the
 * most recent seasonal lag's deviation from it, the last observed value, the change between the last two periods'
 * means, the position in the horizon and the phase in the period; its recurrent state carries what it worked out at
 * the earlier steps of the same forecast; a linear read-out of each step gives the correction. Values are divided
 * by the training part's seasonal naive error, so one network shape suits any volume.
 *
 * <p>The graph is a SameDiff graph around the fused {@code lstmLayer} op (several times faster than the layer API
 * on this workload). Training uses evenly spaced origins of the training part; the most recent of them decide
 * early stopping and the best epoch's weights are kept; each training reports its epochs to a
 * {@link ProgressListener}. Prediction intervals come from {@link CalibratedForecaster}.
 */
public final class LstmForecaster extends SeasonalForecaster {

  public static final String NAME = "lstm";
  private static final Logger LOG = LoggerFactory.getLogger(LstmForecaster.class);
  private static final int MINIMUM_EXAMPLES = 50;
  private static final int FEATURES = 7;
  private static final String INPUT = "input";
  private static final String LABEL = "label";
  private static final String OUTPUT = "output";
  private static final String LOSS = "loss";

  private final LstmSettings settings;
  private final ProgressListener progress;
  private final int firstLag;
  private SameDiff graph;
  private double scale;

  /** A forecaster that reports no progress. */
  public LstmForecaster(int period, int horizon, LstmSettings settings) {
    this(period, horizon, settings, ProgressListener.SILENT);
  }

  /** A forecaster that reports each training's epochs to {@code progress}. */
  public LstmForecaster(int period, int horizon, LstmSettings settings, ProgressListener progress) {
    super(NAME, period, horizon);
    this.settings = settings;
    this.progress = progress;
    this.firstLag = (horizon + period - 1) / period;
  }

  @Override
  public int minimumHistory() {
    return earliestOrigin() + horizon + MINIMUM_EXAMPLES - 1;
  }

  @Override
  public void fit(double[] series, int end) {
    requireHistory(series, end);
    scale = ForecastMetrics.seasonalNaiveScale(series, end, period);
    if (!(scale > 0)) {
      scale = 1;
    }
    int first = earliestOrigin();
    int candidates = end - horizon - first + 1;
    int stride = (candidates + settings.maxExamples() - 1) / settings.maxExamples();
    int examples = (candidates - 1) / stride + 1;
    int validation = Math.max(1, (int) Math.round(settings.validationFraction() * examples));
    int[] origins = new int[examples];
    for (int i = 0; i < examples; i++) {
      origins[i] = first + i * stride;
    }
    graph = graph();
    train(dataSet(series, origins, 0, examples - validation), dataSet(series, origins, examples - validation,
        examples));
  }

  @Override
  public double[] forecast(double[] series, int origin) {
    if (origin > series.length || origin < earliestOrigin()) {
      throw new IllegalArgumentException("lstm needs at least " + earliestOrigin() + " points before the origin, got "
          + origin + " (series of " + series.length + ")");
    }
    if (graph == null) {
      throw new IllegalStateException("lstm: fit before forecast");
    }
    INDArray features = dataSet(series, new int[] {origin}, 0, 1).getFeatures();
    INDArray output = graph.outputSingle(Map.of(INPUT, features), OUTPUT);
    Baseline baseline = new Baseline(series, origin);
    double[] points = new double[horizon];
    for (int step = 0; step < horizon; step++) {
      points[step] = baseline.at(origin + step) + scale * output.getDouble(0, step);
    }
    return points;
  }

  private void train(DataSet training, DataSet held) {
    double bestLoss = Double.POSITIVE_INFINITY;
    Map<String, INDArray> bestWeights = weights();
    int bestEpoch = 0;
    try (Progress epochs = progress.start("lstm training", settings.epochs(), "epochs")) {
      for (int epoch = 1; epoch <= settings.epochs() && epoch - bestEpoch <= settings.patience(); epoch++) {
        training.shuffle(settings.seed() + epoch);
        List<DataSet> batches = training.batchBy(settings.batchSize());
        for (DataSet batch : batches) {
          graph.fit(batch);
        }
        double loss = graph.outputSingle(Map.of(INPUT, held.getFeatures(), LABEL, held.getLabels()), LOSS)
            .getDouble(0);
        if (loss < bestLoss) {
          bestLoss = loss;
          bestEpoch = epoch;
          bestWeights = weights();
        }
        epochs.status(String.format(Locale.ROOT, "validation loss %.4f (best %.4f at epoch %d)", loss, bestLoss,
            bestEpoch));
        epochs.step(1);
      }
    }
    bestWeights.forEach((name, values) -> graph.getVariable(name).getArr().assign(values));
    LOG.debug("lstm fitted on {} examples: best validation loss {} at epoch {}", training.numExamples(), bestLoss,
        bestEpoch);
  }

  /** A copy of every trainable weight, by name. */
  private Map<String, INDArray> weights() {
    Map<String, INDArray> weights = new HashMap<>();
    for (SDVariable variable : graph.variables()) {
      if (variable.getVariableType() == VariableType.VARIABLE) {
        weights.put(variable.name(), variable.getArr().dup());
      }
    }
    return weights;
  }

  /** input [n, horizon, features] -> LSTM over the steps -> a linear read-out per step -> output [n, horizon]. */
  private SameDiff graph() {
    int hidden = settings.hiddenUnits();
    SameDiff graph = SameDiff.create();
    Nd4j.getRandom().setSeed(settings.seed());
    SDVariable input = graph.placeHolder(INPUT, DataType.FLOAT, -1, horizon, FEATURES);
    SDVariable label = graph.placeHolder(LABEL, DataType.FLOAT, -1, horizon);
    LSTMLayerWeights weights = LSTMLayerWeights.builder()
        .weights(graph.var("inputWeights", new XavierInitScheme('c', FEATURES, 4 * hidden), DataType.FLOAT,
            FEATURES, 4 * hidden))
        .rWeights(graph.var("recurrentWeights", new XavierInitScheme('c', hidden, 4 * hidden), DataType.FLOAT,
            hidden, 4 * hidden))
        .bias(graph.zero("bias", DataType.FLOAT, 4 * hidden))
        .build();
    LSTMLayerConfig layer = LSTMLayerConfig.builder()
        .lstmdataformat(LSTMDataFormat.NTS)
        .directionMode(LSTMDirectionMode.FWD)
        .gateAct(LSTMActivations.SIGMOID)
        .cellAct(LSTMActivations.TANH)
        .outAct(LSTMActivations.TANH)
        .retFullSequence(true).retLastH(false).retLastC(false)
        .build();
    SDVariable states = graph.rnn.lstmLayer(input, weights, layer)[0].reshape(-1, hidden);
    SDVariable readOut = graph.var("readOutWeights", new XavierInitScheme('c', hidden, 1), DataType.FLOAT, hidden, 1);
    SDVariable readOutBias = graph.zero("readOutBias", DataType.FLOAT, 1);
    SDVariable output = graph.reshape(OUTPUT, states.mmul(readOut).add(readOutBias), -1, horizon);
    graph.setLossVariables(graph.loss.meanSquaredError(LOSS, label, output, null));
    graph.setTrainingConfig(TrainingConfig.builder()
        .updater(new Adam(settings.learningRate()))
        .dataSetFeatureMapping(INPUT)
        .dataSetLabelMapping(LABEL)
        .build());
    createGradientsQuietly(graph);
    return graph;
  }

  /**
   * SameDiff 1.0.0-M2.1 prints "Added differentiated op ..." to standard output for every op while it builds the
   * gradient graph, which would land in the middle of a command's table; this builds it with those lines dropped
   * (everything else printed meanwhile, from any thread, still goes through).
   */
  private static void createGradientsQuietly(SameDiff graph) {
    synchronized (System.class) {
      PrintStream original = System.out;
      System.setOut(new PrintStream(new OutputStream() {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
          line.write(b);
          if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("Added differentiated op")) {
              original.print(text);
            }
            line.reset();
          }
        }
      }, true, StandardCharsets.UTF_8));
      try {
        graph.createGradFunction();
      } finally {
        System.setOut(original);
      }
    }
  }

  /** Examples for {@code origins[from, to)}: features [n, horizon, FEATURES], labels [n, horizon]. */
  private DataSet dataSet(double[] series, int[] origins, int from, int to) {
    int count = to - from;
    float[] features = new float[count * horizon * FEATURES];
    float[] labels = new float[count * horizon];
    for (int example = 0; example < count; example++) {
      int origin = origins[from + example];
      Baseline baseline = new Baseline(series, origin);
      double slope = (baseline.level - periodMean(series, origin - 2 * period)) / scale;
      double last = (series[origin - 1] - baseline.level) / scale;
      for (int step = 0; step < horizon; step++) {
        int target = origin + step;
        double expected = baseline.at(target);
        double phase = 2 * Math.PI * (target % period) / period;
        int at = (example * horizon + step) * FEATURES;
        features[at] = (float) ((expected - baseline.level) / scale);
        features[at + 1] = (float) ((series[target - firstLag * period] - expected) / scale);
        features[at + 2] = (float) last;
        features[at + 3] = (float) slope;
        features[at + 4] = (float) ((step + 1.0) / horizon);
        features[at + 5] = (float) Math.sin(phase);
        features[at + 6] = (float) Math.cos(phase);
        if (target < series.length) {
          labels[example * horizon + step] = (float) ((series[target] - expected) / scale);
        }
      }
    }
    return new DataSet(Nd4j.create(features, new long[] {count, horizon, FEATURES}, 'c'),
        Nd4j.create(labels, new long[] {count, horizon}, 'c'));
  }

  /**
   * The statistical part of the forecast from one origin: the mean of the same phase over the seasonal lags, moved
   * from the level of the periods they span to the level of the last period.
   */
  private final class Baseline {
    final double level;
    private final double[] series;
    private final double shift;

    Baseline(double[] series, int origin) {
      this.series = series;
      this.level = periodMean(series, origin - period);
      int spanned = firstLag + settings.seasonalLags() - 1;
      double spanMean = 0;
      for (int p = 1; p <= spanned; p++) {
        spanMean += periodMean(series, origin - p * period) / spanned;
      }
      this.shift = level - spanMean;
    }

    double at(int target) {
      double sum = 0;
      for (int lag = 0; lag < settings.seasonalLags(); lag++) {
        sum += series[target - (firstLag + lag) * period];
      }
      return sum / settings.seasonalLags() + shift;
    }
  }

  /** The first origin with every seasonal lag and two whole periods behind it. */
  private int earliestOrigin() {
    return Math.max(2, firstLag + settings.seasonalLags() - 1) * period;
  }

  private double periodMean(double[] series, int from) {
    double sum = 0;
    for (int t = from; t < from + period; t++) {
      sum += series[t];
    }
    return sum / period;
  }
}
