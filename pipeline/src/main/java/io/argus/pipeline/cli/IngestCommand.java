package io.argus.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so and exits non-zero. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class IngestCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("argus ingest: not built yet");
    return 1;
  }
}
