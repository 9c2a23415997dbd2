package io.argus.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so and exits non-zero. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("argus train: not built yet");
    return 1;
  }
}
