package io.argus.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so and exits non-zero. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class SimulateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("argus simulate: not built yet");
    return 1;
  }
}
