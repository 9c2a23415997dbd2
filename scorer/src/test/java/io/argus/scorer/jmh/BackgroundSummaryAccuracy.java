package io.argus.scorer.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.argus.avro.Contribution;
import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import io.argus.scorer.bench.SyntheticFeatures;
import io.argus.scorer.explain.Explanation;
import io.argus.scorer.model.ServingModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What summarising the background costs in accuracy: for each model family and explanation budget, the explanations
 * of {@value #TRANSACTIONS} transactions against the summary are compared with those against the whole stored sample
 * ({@value BenchmarkModels#BACKGROUND_ROWS} rows): relative L1 error of the contributions, how often the largest
 * contribution is the same group, the base value's shift, and the mean CPU time of one explanation (CPU time, so
 * that other processes on the machine do not inflate it). Prints a table, then
 * one line of JSON. Run: {@code java -cp ... io.argus.scorer.jmh.BackgroundSummaryAccuracy [--trained | --registry DIR]
 * [families...]} ({@code --trained}: models trained briefly on a planted rule, whose explanations have something to
 * find; {@code --registry}: the champions of a registry, explaining the real transactions of their own background).
 */
public final class BackgroundSummaryAccuracy {

  private static final int TRANSACTIONS = 100;
  private static final int[] BUDGETS = {512, 1024, 2048, 4096, 8192, 16384};
  private static final int WHOLE_SAMPLE = 1 << 20;

  private BackgroundSummaryAccuracy() {
  }

  public static void main(String[] args) throws Exception {
    List<String> arguments = List.of(args);
    boolean trained = arguments.contains("--trained");
    int registryFlag = arguments.indexOf("--registry");
    Path registry = registryFlag < 0 ? null : Path.of(arguments.get(registryFlag + 1));
    List<String> families = arguments.stream()
        .filter(arg -> !arg.startsWith("--") && (registry == null || !arg.equals(registry.toString()))).toList();
    if (families.isEmpty()) {
      families = List.of("lstm", "transformer", "mlp");
    }
    List<ModelInput> synthetic = SyntheticFeatures.sample(TRANSACTIONS, 11);
    ArrayNode json = new ObjectMapper().createArrayNode();
    System.out.printf("%-12s %7s %6s %16s %13s %11s %16s%n", "model", "budget", "rows", "relative L1 err",
        "same top-1", "base shift", "CPU ms/explain");
    for (String family : families) {
      BenchmarkModels models = registry != null ? BenchmarkModels.champion(registry, family)
          : trained ? BenchmarkModels.trained(family) : BenchmarkModels.of(family);
      List<ModelInput> transactions = registry != null ? models.loaded().background() : synthetic;
      Explanation[] reference = explainAll(models.serving(WHOLE_SAMPLE), transactions, new long[1]);
      for (int budget : BUDGETS) {
        ServingModel serving = models.serving(budget);
        explainAll(serving, transactions, new long[1]);
        long[] nanos = new long[1];
        Explanation[] summarised = explainAll(serving, transactions, nanos);
        double error = 0;
        int sameTop = 0;
        double baseShift = 0;
        for (int i = 0; i < transactions.size(); i++) {
          error += relativeL1(summarised[i], reference[i]) / transactions.size();
          sameTop += summarised[i].contributions().get(0).getName()
              .equals(reference[i].contributions().get(0).getName()) ? 1 : 0;
          baseShift = Math.abs(summarised[i].baseValue() - reference[i].baseValue());
        }
        double millis = nanos[0] / 1e6 / transactions.size();
        System.out.printf(Locale.ROOT, "%-12s %7d %6d %16.3f %12.0f%% %11.4f %16.3f%n", family, budget,
            serving.background().size(), error, 100.0 * sameTop / transactions.size(), baseShift, millis);
        json.addObject().put("model", family).put("trained", trained || registry != null).put("budget", budget).put("rows", serving.background().size())
            .put("relative_l1_error", error).put("same_top_group", (double) sameTop / transactions.size())
            .put("base_value_shift", baseShift).put("cpu_ms_per_explanation", millis);
      }
    }
    System.out.println(json);
  }

  private static Explanation[] explainAll(ServingModel serving, List<ModelInput> transactions, long[] nanos) {
    FraudModel model = serving.newCopy();
    Explanation[] explanations = new Explanation[transactions.size()];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long started = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < explanations.length; i++) {
      explanations[i] = serving.explainer().explain(model, serving.background(), transactions.get(i));
    }
    nanos[0] = threads.getCurrentThreadCpuTime() - started;
    return explanations;
  }

  /** {@code sum |a_g - b_g| / sum |b_g|} over the groups. */
  private static double relativeL1(Explanation actual, Explanation reference) {
    double difference = 0;
    double size = 0;
    for (Contribution contribution : reference.contributions()) {
      difference += Math.abs(actual.valueOf(contribution.getName()) - contribution.getValue());
      size += Math.abs(contribution.getValue());
    }
    return difference / size;
  }
}
