package io.argus.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.features.FraudV1;
import io.argus.model.ModelFamily;
import io.argus.trainer.benchmark.ForwardPassBenchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code argus bench model}: Deeplearning4j's {@code output()} against the plain-Java forward pass that serves, per
 * family (standard preset, trained one epoch on synthetic data): single-example median and p99, batch cost per
 * example, and the ratios, as a table and one line of JSON.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Deeplearning4j output() against the plain-Java forward pass, per model family.")
public final class ModelBenchCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--iterations", defaultValue = "20000",
      description = "Single-example calls measured per family and engine (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--model", split = ",", paramLabel = "FAMILY",
      description = "Families to measure (default: lstm,transformer,mlp).")
  List<String> families = List.of("lstm", "transformer", "mlp");

  @Override
  public Integer call() throws Exception {
    if (iterations < 100 || batchSize < 1) {
      throw new UserException("--iterations must be at least 100 and --batch at least 1, got " + iterations
          + " and " + batchSize);
    }
    List<ModelFamily> selected = new ArrayList<>();
    for (String family : families) {
      try {
        selected.add(ModelFamily.of(family));
      } catch (IllegalArgumentException e) {
        throw new UserException("--model: " + e.getMessage());
      }
    }
    ForwardPassBenchmark benchmark = new ForwardPassBenchmark(FraudV1.FEATURE_SET, iterations, batchSize,
        ConsoleProgress.standardError());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-12s %10s | %-28s | %-28s | %-32s | %s%n", "model", "parameters", "DL4J one call median/p99 ms",
        "Java one call median/p99 ms", "batch of " + batchSize + " us/example DL4J/Java", "speed-up one/batch");
    Map<String, Object> json = new LinkedHashMap<>();
    for (ModelFamily family : selected) {
      ForwardPassBenchmark.Result result = benchmark.run(family);
      out.printf(Locale.ROOT, "%-12s %,10d | %12.4f / %-13.4f | %12.4f / %-13.4f | %14.2f / %-15.2f | %.1fx / %.1fx%n",
          family.id(), result.parameters(), result.deeplearning4jMedianMs(), result.deeplearning4jP99Ms(),
          result.javaMedianMs(), result.javaP99Ms(), result.deeplearning4jBatchMicrosPerExample(),
          result.javaBatchMicrosPerExample(), result.singleSpeedup(), result.batchSpeedup());
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("parameters", result.parameters());
      figures.put("dl4j_median_ms", result.deeplearning4jMedianMs());
      figures.put("dl4j_p99_ms", result.deeplearning4jP99Ms());
      figures.put("java_median_ms", result.javaMedianMs());
      figures.put("java_p99_ms", result.javaP99Ms());
      figures.put("dl4j_batch_us_per_example", result.deeplearning4jBatchMicrosPerExample());
      figures.put("java_batch_us_per_example", result.javaBatchMicrosPerExample());
      figures.put("single_speedup", result.singleSpeedup());
      figures.put("batch_speedup", result.batchSpeedup());
      figures.put("max_abs_difference", result.maximumDifference());
      json.put(family.id(), figures);
      out.flush();
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("batch_size", batchSize);
    summary.put("iterations", iterations);
    summary.put("models", json);
    out.println(new ObjectMapper().writeValueAsString(summary));
    out.flush();
    return 0;
  }
}
