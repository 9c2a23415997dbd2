package io.argus.pipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code argus bench}: benchmarks that print their figures as a readable table and end with one line of JSON.
 * Each benchmark is a subcommand.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that print their figures; the last line of each is one JSON object.",
    subcommands = {
        ValidateBenchCommand.class,
        FeaturesBenchCommand.class,
        ModelBenchCommand.class,
        ScoreBenchCommand.class,
        PipelineBenchCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class BenchCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark");
  }
}
