package io.argus.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so and exits non-zero. */
@Command(name = "forecast", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class ForecastCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("argus forecast: not built yet");
    return 1;
  }
}
