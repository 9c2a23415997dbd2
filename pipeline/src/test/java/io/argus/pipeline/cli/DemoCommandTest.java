package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code argus demo}: its help names every option, and a wrong value or directory is one line and exit code 2. */
class DemoCommandTest {

  @TempDir
  Path temp;

  @Test
  void shouldDescribeEveryOptionInItsHelp() {
    CommandRun run = CommandRun.of("demo", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--tps", "--history-days", "--customers", "--terminals", "--seed", "--port",
        "--scorer-port", "--kafka-port", "--data-dir", "--fresh", "--retrain-every", "--status-every",
        "--token-key-file", "--log-file");
  }

  @Test
  void shouldRejectANonPositiveRateInOneLine() {
    CommandRun run = CommandRun.of("demo", "--tps", "0", "--data-dir", temp.resolve("demo").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).containsExactly("argus: transactions per second must be positive, got 0.0 "
        + "(see 'argus demo --help')");
  }

  @Test
  void shouldRefuseADataDirectoryThatIsNotADemosWithoutTouchingIt() throws IOException {
    Path other = Files.createDirectories(temp.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "mine");

    CommandRun run = CommandRun.of("demo", "--fresh", "--data-dir", other.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).singleElement().asString()
        .contains(other + " holds files but no earlier demo", "choose an empty or new directory");
    assertThat(other.resolve("notes.txt")).hasContent("mine");
  }
}
