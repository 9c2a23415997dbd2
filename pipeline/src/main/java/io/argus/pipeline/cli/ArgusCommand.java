package io.argus.pipeline.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code argus} command: every role of the pipeline, one subcommand each, all from the same jar. Errors a user
 * can fix (a wrong flag, a missing file) print one line saying what is wrong and how to fix it, and exit non-zero.
 */
@Command(name = "argus", mixinStandardHelpOptions = true, versionProvider = ArgusCommand.Version.class,
    description = "Streaming fraud detection and volume forecasting on Kafka, Flink and Deeplearning4j.",
    subcommands = {
        DemoCommand.class, BrokerCommand.class, TopicsCommand.class, ValidateCommand.class, SimulateCommand.class,
        IngestCommand.class, FeaturesCommand.class, TrainCommand.class, ScoreCommand.class, ForecastCommand.class,
        RulesCommand.class, DashboardCommand.class, DrillCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class ArgusCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * {@code --log-file FILE}, accepted by every command: the full log goes to FILE, the console keeps Argus's own lines
   * and everyone's errors ({@link LogFile}).
   */
  @CommandLine.Option(names = "--log-file", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
      description = "Write the full log to FILE (rolled at 20 MB); the console keeps Argus's own lines and everyone's "
          + "errors. Default: standard error (argus demo: DATA-DIR/logs/argus.log).")
  void logFile(Path file) {
    LogFile.moveTo(file, LogFile.ARGUS_INFO, false);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests execute it in-process. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new ArgusCommand());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setDefaultValueProvider(new OperationsOptions.DefaultPorts());
    commandLine.setParameterExceptionHandler((exception, args) -> {
      CommandLine failed = exception.getCommandLine();
      failed.getErr().println("argus: " + exception.getMessage() + " (see '" + failed.getCommandSpec().qualifiedName()
          + " --help')");
      return CommandLine.ExitCode.USAGE;
    });
    commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
      if (exception instanceof UserException) {
        failed.getErr().println("argus: " + exception.getMessage());
        return CommandLine.ExitCode.USAGE;
      }
      throw exception;
    });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ArgusCommand.class.getPackage().getImplementationVersion();
      return new String[] {"argus " + (version == null ? "development" : version)};
    }
  }
}
