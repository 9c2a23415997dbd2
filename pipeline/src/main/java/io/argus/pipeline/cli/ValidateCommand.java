package io.argus.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so and exits non-zero. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class ValidateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("argus validate: not built yet");
    return 1;
  }
}
