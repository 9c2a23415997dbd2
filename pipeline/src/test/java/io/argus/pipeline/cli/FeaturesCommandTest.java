package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeaturesCommandTest {

  @TempDir
  Path directory;

  private final StringWriter errors = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setErr(new PrintWriter(errors, true));
    return commandLine.execute(args);
  }

  @Test
  void shouldAskForExactlyOneInput() {
    assertThat(run("features")).isEqualTo(2);
    assertThat(errors.toString()).contains("--bootstrap").contains("--from-file").hasLineCount(1);
  }

  @Test
  void shouldNameAMissingFile() {
    assertThat(run("features", "--from-file", directory.resolve("absent.csv").toString())).isEqualTo(2);
    assertThat(errors.toString()).contains("absent.csv: no such file").hasLineCount(1);
  }

  @Test
  void shouldNameTheBenchmarksOwnFlagForAMissingFile() {
    assertThat(run("bench", "features", "--file", directory.resolve("absent.csv").toString())).isEqualTo(2);
    assertThat(errors.toString()).contains("--file ").contains("absent.csv: no such file")
        .doesNotContain("--from-file").hasLineCount(1);
  }

  @Test
  void shouldExplainABadDuration() {
    assertThat(run("features", "--bootstrap", "127.0.0.1:1", "--out-of-orderness", "soon")).isEqualTo(2);
    assertThat(errors.toString()).contains("'--out-of-orderness': 'soon' is not a duration: write")
        .contains("250ms").contains("PT24H").hasLineCount(1);
  }

  @Test
  void shouldRefuseACheckpointIntervalOfZeroNamingTheFlag() {
    assertThat(run("features", "--bootstrap", "127.0.0.1:1", "--checkpoint-interval", "0s")).isEqualTo(2);
    assertThat(errors.toString()).contains("--checkpoint-interval must be more than zero").hasLineCount(1);
  }

  @Test
  void shouldSayHowToBuildAStoreBeforeExportingIt() {
    assertThat(run("features", "export", "--offline-dir", directory.toString(), "--out",
        directory.resolve("f.csv").toString())).isEqualTo(2);
    assertThat(errors.toString()).contains("no offline store").contains("argus features --from-file")
        .hasLineCount(1);
  }
}
