package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.pipeline.drill.DrillConfig;
import io.argus.pipeline.drill.KillTarget;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DrillCommandTest {

  private static DrillConfig config(String... args) {
    DrillCommand command = new DrillCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void shouldKillABrokerATaskManagerAScorerAndAValidatorOfTwoByDefault() {
    DrillConfig config = config();

    assertThat(config.kills()).containsExactly(KillTarget.BROKER, KillTarget.TASKMANAGER, KillTarget.SCORER,
        KillTarget.VALIDATOR);
    assertThat(config.transactionsPerSecond()).isEqualTo(100);
    assertThat(config.validators()).isEqualTo(2);
    assertThat(config.scorers()).isEqualTo(2);
    assertThat(config.parallelism()).isEqualTo(2);
    assertThat(config.maxStall()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldSpreadTheKillsEvenlyOverTheDuration() {
    DrillConfig config = config("--duration", "150s");

    assertThat(config.duration()).isEqualTo(Duration.ofSeconds(150));
    assertThat(config.killSpacing()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldRunWithoutKillsForAThroughputMeasurement() {
    DrillConfig config = config("--kill", "none", "--validators", "1", "--scorers", "1", "--parallelism", "1",
        "--duration", "30s");

    assertThat(config.kills()).isEmpty();
    assertThat(config.validators()).isEqualTo(1);
    assertThat(config.scorers()).isEqualTo(1);
    assertThat(config.parallelism()).isEqualTo(1);
  }

  @Test
  void shouldNameTheKnownKindsForAnUnknownOne() {
    assertOneLineError(CommandRun.of("drill", "--kill", "broker,zookeeper"), "'zookeeper' is not a process",
        "[broker, taskmanager, scorer, validator]");
  }

  @Test
  void shouldRefuseADurationTooShortForItsKills() {
    assertOneLineError(CommandRun.of("drill", "--duration", "60s"), "--duration must be at least 100s for 4 kills");
  }

  @Test
  void shouldRefuseAParallelismThatDoesNotFitOnOneTaskManager() {
    assertOneLineError(CommandRun.of("drill", "--parallelism", "3"), "--parallelism must be between 1 and 2");
  }

  @Test
  void shouldRefuseNoScorerAndNoTraffic() {
    assertOneLineError(CommandRun.of("drill", "--scorers", "0"), "--scorers must be at least 1");
    assertOneLineError(CommandRun.of("drill", "--tps", "0"), "--tps must be more than 0");
    assertOneLineError(CommandRun.of("drill", "--validators", "0"), "--validators must be at least 1");
  }

  @Test
  void shouldRefuseTheSameKindTwice() {
    assertOneLineError(CommandRun.of("drill", "--kill", "scorer,scorer"), "names a process kind twice");
  }

  @Test
  void shouldDescribeItselfInHelp() {
    CommandRun run = CommandRun.of("drill", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--duration").contains("--scorers").contains("--parallelism").contains("--kill")
        .contains("lost=N duplicates=N");
  }

  private static void assertOneLineError(CommandRun run, String... fragments) {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(fragments).hasLineCount(1);
  }
}
