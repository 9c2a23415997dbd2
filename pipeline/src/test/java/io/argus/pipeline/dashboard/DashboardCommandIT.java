package io.argus.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.pipeline.cli.ArgusCommand;
import io.argus.pipeline.dashboard.access.PasswordHasher;
import io.argus.pipeline.dashboard.access.Role;
import io.argus.pipeline.dashboard.access.User;
import io.argus.pipeline.dashboard.access.Users;
import io.argus.schemas.TopicAdmin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code argus dashboard} against a real broker: the errors a user meets before the page is served. The broker starts
 * without topics; the tests run in order because the second one creates them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardCommandIT {

  @TempDir
  static Path temp;
  private static EmbeddedKafkaBroker broker;
  private static Path users;

  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start(0, temp.resolve("kafka"));
    users = Files.writeString(temp.resolve("users"), new User("ana", Role.ANALYST,
        new PasswordHasher(Users.MINIMUM_ITERATIONS).hash("a long password".toCharArray())).line() + "\n");
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Order(1)
  void shouldNameTheMissingTopicsAndTheCommandThatCreatesThem() {
    int status = run("dashboard", "--bootstrap", broker.bootstrap(), "--port", "0", "--users", users.toString());

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString().strip())
        .startsWith("argus: the topics [transactions, features, fraud-scores, alerts, transactions-dlq, forecasts, "
            + "model-releases, case-decisions, rules, fraud-labels] do not exist on " + broker.bootstrap())
        .endsWith("create them with 'argus topics --bootstrap " + broker.bootstrap() + "'")
        .doesNotContain("\n");
  }

  @Test
  @Order(2)
  void shouldSayWhichPortIsTakenAndHowToChooseAnother() throws Exception {
    TopicAdmin.createAll(broker.bootstrap());
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(DashboardConfig.DEFAULT_HOST))) {
      int status = run("dashboard", "--bootstrap", broker.bootstrap(), "--port",
          Integer.toString(taken.getLocalPort()), "--users", users.toString());

      assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
      assertThat(err.toString().strip()).startsWith("argus: cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .endsWith("choose another port with --port").doesNotContain("\n");
    }
  }

  private int run(String... args) {
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
