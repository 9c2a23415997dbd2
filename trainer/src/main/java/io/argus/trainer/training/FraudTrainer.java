package io.argus.trainer.training;

import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import io.argus.features.FeatureSet;
import io.argus.features.offline.LabeledVector;
import io.argus.model.ModelInput;
import io.argus.model.artifact.ArtifactManifest;
import io.argus.model.network.NeuralFraudModel;
import io.argus.model.network.Normaliser;
import io.argus.model.network.SequenceLayout;
import io.argus.trainer.evaluation.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one fraud network on a training window and stops early on a disjoint validation window: fits the
 * normalisers on the training window only, builds the network ({@link NetworkFactory}), then per epoch shuffles,
 * runs forward pass, weighted binary cross-entropy, backpropagation and an Adam update per mini-batch, and scores
 * the validation window; the parameters of the epoch with the best validation average precision are kept. Each epoch
 * reports its batches, loss and validation AP to a {@link ProgressListener} (the command line draws a bar).
 */
public final class FraudTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(FraudTrainer.class);

  private final FeatureSet featureSet;
  private final ProgressListener progress;

  /** A trainer that reports no progress. */
  public FraudTrainer(FeatureSet featureSet) {
    this(featureSet, ProgressListener.SILENT);
  }

  /** A trainer that reports each epoch's batches to {@code progress}. */
  public FraudTrainer(FeatureSet featureSet, ProgressListener progress) {
    this.featureSet = featureSet;
    this.progress = progress;
  }

  /** The trained model, its network, its normalisers and what happened on the way. */
  public record TrainingRun(NeuralFraudModel model, ComputationGraph network, HyperParameters parameters,
      DataSummary data, long parameterCount, double fraudWeight, TrainingHistory history, double trainingSeconds) {

    /** The artifact manifest of this run's model: its hyper-parameters and seed, and the given provenance. */
    public ArtifactManifest manifest(FeatureSet featureSet, String name, String version,
        Map<String, String> dataWindows, Map<String, Double> metrics, int backgroundSize, Instant createdAt) {
      return ArtifactManifest.of(model, featureSet, name, version, parameters.asMap(), parameters.seed(),
          dataWindows, metrics, backgroundSize, createdAt);
    }
  }

  /** Counts and fraud rates of the windows the run saw. */
  public record DataSummary(int trainCount, long trainFrauds, int validationCount, long validationFrauds) {
    public double trainFraudRate() {
      return trainCount == 0 ? 0 : (double) trainFrauds / trainCount;
    }

    public double validationFraudRate() {
      return validationCount == 0 ? 0 : (double) validationFrauds / validationCount;
    }
  }

  public TrainingRun train(List<LabeledVector> train, List<LabeledVector> validation, HyperParameters parameters) {
    if (train.isEmpty() || validation.isEmpty()) {
      throw new IllegalArgumentException("training needs examples in both windows, got " + train.size()
          + " training and " + validation.size() + " validation examples");
    }
    long start = System.nanoTime();
    List<ModelInput> trainInputs = inputs(train);
    Normaliser staticNormaliser = Normaliser.fit(featureSet.staticFeatures(),
        trainInputs.stream().map(ModelInput::values).toList());
    boolean sequence = parameters.family().usesSequence();
    Normaliser stepNormaliser = sequence ? Normaliser.fit(featureSet.sequenceStep(), realSteps(trainInputs)) : null;
    SequenceLayout layout = sequence
        ? new SequenceLayout(featureSet.sequenceLength(), featureSet.sequenceStep().size()) : null;
    TrainingData trainData = TrainingData.prepare(trainInputs, labels(train), staticNormaliser, stepNormaliser,
        layout);
    TrainingData validationData = TrainingData.prepare(inputs(validation), labels(validation), staticNormaliser,
        stepNormaliser, layout);
    DataSummary summary = new DataSummary(trainData.size(), trainData.fraudCount(), validationData.size(),
        validationData.fraudCount());
    if (summary.trainFrauds() == 0) {
      throw new IllegalArgumentException("the training window holds no fraud among " + summary.trainCount()
          + " examples");
    }
    double fraudWeight = parameters.fraudWeight() > 0 ? parameters.fraudWeight()
        : Math.sqrt((double) (summary.trainCount() - summary.trainFrauds()) / summary.trainFrauds());
    ComputationGraph network = NetworkFactory.build(parameters, staticNormaliser.width(), layout);
    LOG.info("training {} on {} examples ({} frauds, {}), validating on {} ({} frauds); {} parameters, fraud weight "
            + "{}", parameters.family().id(), summary.trainCount(), summary.trainFrauds(),
        percent(summary.trainFraudRate()), summary.validationCount(), summary.validationFrauds(),
        network.numParams(), String.format(Locale.ROOT, "%.2f", fraudWeight));
    TrainingHistory history = fit(network, trainData, validationData, parameters, fraudWeight);
    NeuralFraudModel model = NetworkConversion.toModel(network, parameters.family(), staticNormaliser,
        stepNormaliser, layout);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new TrainingRun(model, network, parameters, summary, network.numParams(), fraudWeight, history, seconds);
  }

  private TrainingHistory fit(ComputationGraph network, TrainingData train, TrainingData validation,
      HyperParameters parameters, double fraudWeight) {
    Random random = new Random(parameters.seed());
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int batches = (train.size() + parameters.batchSize() - 1) / parameters.batchSize();
    List<TrainingHistory.Epoch> epochs = new ArrayList<>();
    INDArray bestParameters = network.params().dup();
    double bestPrecision = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
    String stopReason = "reached " + parameters.maxEpochs() + " epochs";
    for (int epoch = 1; epoch <= parameters.maxEpochs(); epoch++) {
      long epochStart = System.nanoTime();
      shuffle(order, random);
      double lossSum = 0;
      try (Progress bar = progress.start(parameters.family().id() + " epoch " + epoch + "/"
          + parameters.maxEpochs(), batches, "batches")) {
        for (int batch = 0; batch < batches; batch++) {
          int from = batch * parameters.batchSize();
          network.fit(train.batch(order, from, Math.min(train.size(), from + parameters.batchSize()), fraudWeight));
          lossSum += network.score();
          bar.status(String.format(Locale.ROOT, "loss %.4f", lossSum / (batch + 1)));
          bar.step(1);
        }
        double[] scores = validation.predict(network);
        double precision = Metrics.averagePrecision(scores, validation.frauds());
        double validationLoss = crossEntropy(scores, validation.frauds());
        bar.status(String.format(Locale.ROOT, "loss %.4f | val loss %.4f | val AP %.4f", lossSum / batches,
            validationLoss, precision));
        epochs.add(new TrainingHistory.Epoch(epoch, lossSum / batches, validationLoss, precision,
            (System.nanoTime() - epochStart) / 1e9));
        if (precision > bestPrecision) {
          bestPrecision = precision;
          bestEpoch = epoch;
          bestParameters = network.params().dup();
        }
      }
      if (epoch - bestEpoch >= parameters.patience()) {
        stopReason = "validation AP did not improve for " + parameters.patience() + " epochs";
        break;
      }
    }
    network.setParams(bestParameters);
    LOG.info("{} stopped after {} epochs ({}); kept epoch {} with validation AP {}", parameters.family().id(),
        epochs.size(), stopReason, bestEpoch, String.format(Locale.ROOT, "%.4f", bestPrecision));
    return new TrainingHistory(epochs, Math.max(1, bestEpoch), stopReason);
  }

  static List<ModelInput> inputs(List<LabeledVector> examples) {
    return examples.stream().map(example -> ModelInput.of(example.vector())).toList();
  }

  static boolean[] labels(List<LabeledVector> examples) {
    boolean[] labels = new boolean[examples.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = examples.get(i).fraud();
    }
    return labels;
  }

  private static List<double[]> realSteps(List<ModelInput> inputs) {
    List<double[]> steps = new ArrayList<>();
    for (ModelInput input : inputs) {
      for (double[] step : input.sequence()) {
        for (double value : step) {
          if (value != 0) {
            steps.add(step);
            break;
          }
        }
      }
    }
    return steps;
  }

  private static double crossEntropy(double[] scores, boolean[] frauds) {
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      double p = Math.min(1 - 1e-7, Math.max(1e-7, scores[i]));
      sum -= frauds[i] ? Math.log(p) : Math.log(1 - p);
    }
    return sum / scores.length;
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.3f %%", rate * 100);
  }
}
