package io.argus.trainer.benchmark;

import io.argus.common.LatencyHistogram;
import io.argus.common.Percentiles;
import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import io.argus.features.FeatureSet;
import io.argus.features.offline.LabeledVector;
import io.argus.model.ModelFamily;
import io.argus.model.ModelInput;
import io.argus.model.network.NeuralFraudModel;
import io.argus.trainer.synthetic.SyntheticFraud;
import io.argus.trainer.training.FraudTrainer;
import io.argus.trainer.training.HyperParameters;
import io.argus.trainer.training.NetworkInference;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Measures, for one family with the standard preset, the cost of scoring with Deeplearning4j's
 * {@code ComputationGraph.output} against the plain-Java forward pass that serves: one example per call (median and
 * p99 over many calls, after a warm-up, as {@link LatencyHistogram} reports them) and batches (microseconds per
 * example). Both score the same inputs from a network trained briefly on synthetic data. Progress goes to a
 * {@link ProgressListener}.
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
  private final ProgressListener progress;

  public ForwardPassBenchmark(FeatureSet featureSet, int iterations, int batchSize, ProgressListener progress) {
    this.featureSet = featureSet;
    this.iterations = iterations;
    this.batchSize = batchSize;
    this.progress = progress;
  }

  public Result run(ModelFamily family) {
    SyntheticFraud data = new SyntheticFraud(17, family.usesSequence(), 0.1);
    List<LabeledVector> train = data.examples(2000, SyntheticFraud.T0);
    List<LabeledVector> validation = data.examples(500, SyntheticFraud.T0.minusSeconds(86_400));
    FraudTrainer.TrainingRun run = new FraudTrainer(featureSet, progress).train(train, validation,
        HyperParameters.standard(family).withMaxEpochs(1));
    ComputationGraph network = run.network();
    NeuralFraudModel model = run.model();
    NetworkInference inference = new NetworkInference(network, model);
    List<ModelInput> inputs = data.examples(Math.max(batchSize, 1000), SyntheticFraud.T0).stream()
        .map(example -> ModelInput.of(example.vector())).toList();

    LatencyHistogram javaTimes = LatencyHistogram.nanoseconds();
    LatencyHistogram networkTimes = LatencyHistogram.nanoseconds();
    double maximumDifference = 0;
    try (Progress bar = progress.start(family.id() + " single-example calls", 2L * iterations, "calls")) {
      for (int warmUp = 0; warmUp < Math.min(iterations, 2000); warmUp++) {
        ModelInput input = inputs.get(warmUp % inputs.size());
        model.score(input);
        inference.score(List.of(input));
      }
      for (int i = 0; i < iterations; i++) {
        ModelInput input = inputs.get(i % inputs.size());
        long start = System.nanoTime();
        double javaScore = model.score(input);
        javaTimes.record(System.nanoTime() - start);
        start = System.nanoTime();
        double networkScore = inference.score(List.of(input))[0];
        networkTimes.record(System.nanoTime() - start);
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
    Percentiles deeplearning4j = networkTimes.percentiles();
    Percentiles java = javaTimes.percentiles();
    return new Result(family, run.parameterCount(), deeplearning4j.p50(), deeplearning4j.p99(), java.p50(),
        java.p99(), networkBatch, javaBatch, batchSize, maximumDifference);
  }
}
