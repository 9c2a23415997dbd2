package io.argus.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so and exits non-zero. */
@Command(name = "score", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class ScoreCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("argus score: not built yet");
    return 1;
  }
}
