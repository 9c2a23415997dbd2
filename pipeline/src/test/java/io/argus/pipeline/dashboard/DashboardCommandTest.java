package io.argus.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.pipeline.cli.ArgusCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DashboardCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldDescribeEveryOptionWithItsDefault() {
    int status = run("dashboard", "--help");

    assertThat(status).isZero();
    assertThat(out.toString()).contains("--bootstrap", "--port", "Default: 8080", "--host", "Default: 127.0.0.1",
        "--scorer-url", "--replay-minutes", "Default: 5");
  }

  @Test
  void shouldSayInOneLineThatTheBootstrapServersAreMissing() {
    int status = run("dashboard", "--port", "0");

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString().strip()).contains("--bootstrap").doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void shouldRefuseAScorerUrlThatIsNotHttp() {
    int status = run("dashboard", "--bootstrap", "127.0.0.1:9", "--scorer-url", "ftp://scorer:21");

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString().strip()).startsWith("argus: scorer URL must be http(s)://HOST:PORT, got ftp://scorer:21")
        .doesNotContain("\n");
  }

  @Test
  void shouldRefuseAPortOutOfRange() {
    int status = run("dashboard", "--bootstrap", "127.0.0.1:9", "--port", "70000");

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("port must be between 0 and 65535, got 70000");
  }

  @Test
  void shouldRefuseANegativeReplay() {
    int status = run("dashboard", "--bootstrap", "127.0.0.1:9", "--replay-minutes", "-1");

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--replay-minutes must be 0 or more, got -1");
  }

  @Test
  void shouldSayInOneLineThatTheBootstrapServersAreNotAnAddress() {
    int status = run("dashboard", "--bootstrap", "no-port-here");

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString().strip()).startsWith("argus: cannot reach Kafka at --bootstrap no-port-here (")
        .doesNotContain("\n");
  }

  private int run(String... args) {
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
