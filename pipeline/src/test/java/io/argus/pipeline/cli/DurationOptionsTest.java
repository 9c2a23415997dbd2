package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

class DurationOptionsTest {

  @Test
  void shouldReadEveryDurationOptionOfEveryCommandTheOneWay() {
    List<String> durationOptions = new ArrayList<>();
    List<String> otherConverters = new ArrayList<>();
    visit(ArgusCommand.commandLine().getCommandSpec(), durationOptions, otherConverters);

    assertThat(durationOptions).contains("argus score --dedup-retention", "argus train --retrain-every",
        "argus features --allowed-lateness", "argus forecast backtest --resample", "argus ingest --max-clock-skew",
        "argus bench score --warmup");
    assertThat(otherConverters).isEmpty();
  }

  @Test
  void shouldAcceptTheShortFormAndIso8601() {
    ScoreCommand shortForm = parse(new ScoreCommand(), "--bootstrap", "b", "--registry", "r", "--dedup-retention", "3d");
    ScoreCommand iso = parse(new ScoreCommand(), "--bootstrap", "b", "--registry", "r", "--dedup-retention", "PT24H");
    ForecastCommand forecast = parse(new ForecastCommand(), "--step", "5min", "--lateness", "250ms");

    assertThat(shortForm.deduplicationRetention).isEqualTo(Duration.ofDays(3));
    assertThat(iso.deduplicationRetention).isEqualTo(Duration.ofHours(24));
    assertThat(forecast.step).isEqualTo(Duration.ofMinutes(5));
    assertThat(forecast.lateness).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void shouldNameTheFlagAndShowBothFormsOnABadValue() {
    StringWriter errors = new StringWriter();
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setErr(new PrintWriter(errors, true));

    int exitCode = commandLine.execute("validate", "--bootstrap", "b:9092", "--duplicate-window", "a day");

    assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(errors.toString()).hasLineCount(1)
        .contains("--duplicate-window").contains("'a day' is not a duration")
        .contains("250ms, 30s, 5m, 2h, 3d").contains("ISO-8601 (PT24H, P3D)");
  }

  /** Collects "command --option" for every Duration option, and those among them read by another converter. */
  private static void visit(CommandSpec command, List<String> durationOptions, List<String> otherConverters) {
    for (ArgSpec argument : command.args()) {
      if (argument.type() == Duration.class) {
        String name = command.qualifiedName() + " " + (argument.isOption()
            ? ((CommandLine.Model.OptionSpec) argument).longestName() : argument.paramLabel());
        durationOptions.add(name);
        CommandLine.ITypeConverter<?>[] converters = argument.converters();
        if (converters.length != 1 || !(converters[0] instanceof DurationConverter)) {
          otherConverters.add(name);
        }
      }
    }
    for (CommandLine sub : command.subcommands().values()) {
      visit(sub.getCommandSpec(), durationOptions, otherConverters);
    }
  }

  private static <T> T parse(T command, String... args) {
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
