package io.argus.trainer.benchmark;

import io.argus.common.ProgressBar;
import io.argus.features.FeatureSet;
import io.argus.features.offline.LabeledVector;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.network.NeuralFraudModel;
import io.argus.trainer.synthetic.SyntheticFraud;
import io.argus.trainer.training.FraudTrainer;
import io.argus.trainer.training.HyperParameters;
import io.argus.trainer.training.NetworkInference;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Measures, for one family with the standard preset, the cost of scoring with Deeplearning4j's
 * {@code ComputationGraph.output} against the plain-Java forward pass that serves: one example per call (median and
 * p99 over many calls, after a warm-up) and batches (microseconds per example). Both score the same inputs from a
 * network trained briefly on synthetic data.
 */
public final class ForwardPassBenchmark {

  /** Figures of one family; times in milliseconds per call, or microseconds per example for batches. */
  public record Result(ModelFamily family, long parameters, double deeplearning4jMedianMs, double deeplearning4jP99Ms,
      double javaMedianMs, double javaP99Ms, double deeplearning4jBatchMicrosPerExample,
      double javaBatchMicrosPerExample, int batchSize, double maximumDifference) {

    public double singleSpeedup() {
      return deeplearning4jMedianMs / javaMedianMs;
    }

    public double batchSpeedup() {
      return deeplearning4jBatchMicrosPerExample / javaBatchMicrosPerExample;
    }
  }

  private final FeatureSet featureSet;
  private final int iterations;
  private final int batchSize;

  public ForwardPassBenchmark(FeatureSet featureSet, int iterations, int batchSize) {
    this.featureSet = featureSet;
    this.iterations = iterations;
    this.batchSize = batchSize;
  }

  public Result run(ModelFamily family) {
    SyntheticFraud data = new SyntheticFraud(17, family.usesSequence(), 0.1);
    List<LabeledVector> train = data.examples(2000, SyntheticFraud.T0);
    List<LabeledVector> validation = data.examples(500, SyntheticFraud.T0.minusSeconds(86_400));
    FraudTrainer.TrainingRun run = new FraudTrainer(featureSet).train(train, validation,
        HyperParameters.standard(family).withMaxEpochs(1));
    ComputationGraph network = run.network();
    NeuralFraudModel model = run.model();
    NetworkInference inference = new NetworkInference(network, model);
    List<ModelInput> inputs = data.examples(Math.max(batchSize, 1000), SyntheticFraud.T0).stream()
        .map(example -> ModelInput.of(example.vector())).toList();

    double[] javaTimes = new double[iterations];
    double[] networkTimes = new double[iterations];
    double maximumDifference = 0;
    try (ProgressBar bar = ProgressBar.start(family.id() + " single-example calls", 2L * iterations, "calls")) {
      for (int warmUp = 0; warmUp < Math.min(iterations, 2000); warmUp++) {
        ModelInput input = inputs.get(warmUp % inputs.size());
        model.score(input);
        inference.score(List.of(input));
      }
      for (int i = 0; i < iterations; i++) {
        ModelInput input = inputs.get(i % inputs.size());
        long start = System.nanoTime();
        double javaScore = model.score(input);
        javaTimes[i] = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        double networkScore = inference.score(List.of(input))[0];
        networkTimes[i] = (System.nanoTime() - start) / 1e6;
        maximumDifference = Math.max(maximumDifference, Math.abs(javaScore - networkScore));
        bar.step(2);
      }
    }
    List<ModelInput> batch = inputs.subList(0, batchSize);
    int batchRepeats = Math.max(20, iterations / batchSize);
    for (int warmUp = 0; warmUp < 5; warmUp++) {
      model.score(batch);
      inference.score(batch);
    }
    long start = System.nanoTime();
    for (int i = 0; i < batchRepeats; i++) {
      inference.score(batch);
    }
    double networkBatch = (System.nanoTime() - start) / 1e3 / batchRepeats / batchSize;
    start = System.nanoTime();
    for (int i = 0; i < batchRepeats; i++) {
      model.score(batch);
    }
    double javaBatch = (System.nanoTime() - start) / 1e3 / batchRepeats / batchSize;
    return new Result(family, run.parameterCount(), percentile(networkTimes, 0.5), percentile(networkTimes, 0.99),
        percentile(javaTimes, 0.5), percentile(javaTimes, 0.99), networkBatch, javaBatch, batchSize,
        maximumDifference);
  }

  static double percentile(double[] values, double quantile) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))];
  }
}
