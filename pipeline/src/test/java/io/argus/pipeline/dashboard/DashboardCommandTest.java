package io.argus.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.pipeline.cli.ArgusCommand;
import io.argus.pipeline.cli.HashPasswordCommand;
import io.argus.pipeline.dashboard.access.PasswordHasher;
import io.argus.pipeline.dashboard.access.Role;
import io.argus.pipeline.dashboard.access.User;
import io.argus.pipeline.dashboard.access.Users;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DashboardCommandTest {

  @TempDir
  Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldDescribeEveryOptionWithItsDefault() {
    int status = run("dashboard", "--help");

    assertThat(status).isZero();
    assertThat(out.toString()).contains("--bootstrap", "--port", "Default: 8080", "--bind", "--host",
        "127.0.0.1", "--users", "ARGUS_DASHBOARD_USERS", "--secure-cookie", "--scorer-url", "--replay-minutes",
        "Default: 5", "--case-window", "--offline-dir", "--registry", "--model", "--alert-threshold", "hash-password");
  }

  @Test
  void shouldSayInOneLineThatTheBootstrapServersAreMissing() {
    int status = run("dashboard", "--port", "0");

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString().strip()).contains("--bootstrap").doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void shouldRefuseToStartWithoutUsersAndSayHowToMakeThem() {
    int status = run("dashboard", "--bootstrap", "127.0.0.1:9");

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString().strip()).startsWith("argus: the dashboard needs users: give --users FILE or set "
        + "ARGUS_DASHBOARD_USERS").contains("argus dashboard hash-password").doesNotContain("\n");
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
  void shouldSayInOneLineThatTheBootstrapServersAreNotAnAddress() throws Exception {
    int status = run("dashboard", "--bootstrap", "no-port-here", "--users", usersFile().toString());

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString().strip()).startsWith("argus: cannot reach Kafka at --bootstrap no-port-here (")
        .doesNotContain("\n");
  }

  @Test
  void shouldPrintAUsersFileLineForAPasswordReadFromStandardInput() throws Exception {
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    HashPasswordCommand command = commandLine.getSubcommands().get("dashboard").getSubcommands()
        .get("hash-password").getCommand();
    command.input = new ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8));
    command.console = null;

    int status = commandLine.execute("dashboard", "hash-password", "--user", "ana", "--role", "analyst",
        "--iterations", "100000");

    assertThat(status).as(err.toString()).isZero();
    String line = out.toString().strip();
    assertThat(line).startsWith("ana:analyst:pbkdf2-sha256:100000:").doesNotContain("a long enough password");
    Users users = Users.fromEnvironment(line);
    assertThat(users.authenticate("ana", "a long enough password".toCharArray())).isPresent();
  }

  @Test
  void shouldRefuseAShortPasswordAndTakeNoPasswordFlag() throws Exception {
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    HashPasswordCommand command = commandLine.getSubcommands().get("dashboard").getSubcommands()
        .get("hash-password").getCommand();
    command.input = new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8));
    command.console = null;

    int status = commandLine.execute("dashboard", "hash-password", "--user", "ana", "--role", "viewer");
    int flag = run("dashboard", "hash-password", "--user", "ana", "--role", "viewer", "--password", "x");

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("at least 12 are needed").contains("Unknown options: '--password'");
    assertThat(flag).isEqualTo(CommandLine.ExitCode.USAGE);
  }

  private Path usersFile() throws Exception {
    return Files.writeString(directory.resolve("users"), new User("ana", Role.ANALYST,
        new PasswordHasher(Users.MINIMUM_ITERATIONS).hash("a long password".toCharArray())).line() + "\n");
  }

  private int run(String... args) {
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
