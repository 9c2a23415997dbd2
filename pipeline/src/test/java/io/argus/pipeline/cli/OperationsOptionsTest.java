package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationsOptionsTest {

  @Test
  void shouldGiveEveryLongRunningRoleItsOwnOperationsPortInItsHelp() {
    Set<Integer> ports = new HashSet<>();
    for (Map.Entry<String, Integer> role : OperationsOptions.DEFAULT_PORTS.entrySet()) {
      CommandRun help = CommandRun.of(role.getKey(), "--help");

      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).as(role.getKey()).contains("--ops-port=PORT", "Default: " + role.getValue(),
          "--ops-bind=ADDRESS", "Default: 127.0.0.1", "ready ops=http://HOST:PORT", "--kafka-config=FILE");
      ports.add(role.getValue());
    }
    assertThat(OperationsOptions.DEFAULT_PORTS.keySet()).containsExactly("validate", "features", "score",
        "forecast", "train", "dashboard");
    assertThat(ports).as("distinct").hasSize(6);
  }

  @Test
  void shouldTakeTheRolesDefaultPortWhenParsedAndAFlagOverIt() {
    ValidateCommand defaulted = (ValidateCommand) ArgusCommand.commandLine().parseArgs("validate")
        .subcommand().commandSpec().userObject();
    ValidateCommand chosen = (ValidateCommand) ArgusCommand.commandLine().parseArgs("validate", "--ops-port", "0",
        "--ops-bind", "0.0.0.0").subcommand().commandSpec().userObject();

    assertThat(defaulted.operations.port).isEqualTo(9401);
    assertThat(chosen.operations.port).isZero();
    assertThat(chosen.operations.bind).isEqualTo("0.0.0.0");
  }

  @Test
  void shouldSayInOneLineThatTheOperationsPortIsTaken() throws Exception {
    OperationsOptions options = new OperationsOptions();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      options.port = taken.getLocalPort();

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> options.start("score", () -> null, () -> "",
              new java.io.PrintWriter(java.io.Writer.nullWriter())))
          .isInstanceOf(UserException.class)
          .hasMessageStartingWith("cannot serve /health and /metrics on 127.0.0.1:" + taken.getLocalPort() + " (")
          .hasMessageEndingWith("choose another port with --ops-port (0: a free one) or another address with "
              + "--ops-bind")
          .hasMessageNotContaining("\n");
    }
  }
}
