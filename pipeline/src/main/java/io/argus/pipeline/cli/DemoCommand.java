package io.argus.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code argus demo}: the whole pipeline in one JVM. Until the demo lands, it says what it will run. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs the whole pipeline in one JVM with a dashboard on http://localhost:8080.")
public final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("""
        argus demo will start, in this JVM: an embedded Kafka broker (KRaft) and the topics, the validator,
        the Flink feature job on a MiniCluster, the simulator, a first model, the scorer, the forecaster,
        the retraining scheduler and the dashboard on http://localhost:8080.
        It is not built yet; today run the pieces: argus broker, argus topics, argus validate, argus simulate.""");
    return 1;
  }
}
