package io.argus.scorer.jmh;

import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.explain.Background;
import io.argus.scorer.explain.Explainer;
import io.argus.scorer.explain.Explanation;
import io.argus.scorer.model.ServingModel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One explanation (exact Shapley values over the {@code fraud_v1} groups with the default event groups) for each
 * model family and evaluation budget, which sets how many background representatives are used;
 * {@link BackgroundSummaryAccuracy} measures what the summary costs in accuracy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ExplanationBenchmarks {

  private static final int INPUTS = 256;

  @Param({"lstm", "transformer", "mlp"})
  public String family;

  @Param({"512", "1024", "2048", "4096"})
  public int budget;

  private FraudModel model;
  private Background background;
  private Explainer explainer;
  private List<ModelInput> inputs;
  private int next;

  @Setup
  public void setUp() throws Exception {
    ServingModel serving = BenchmarkModels.of(family).serving(budget);
    model = serving.newCopy();
    background = serving.background();
    explainer = serving.explainer();
    inputs = SyntheticFeatures.sample(INPUTS, 5);
  }

  @Benchmark
  public Explanation explain() {
    return explainer.explain(model, background, inputs.get(next++ % INPUTS));
  }
}
