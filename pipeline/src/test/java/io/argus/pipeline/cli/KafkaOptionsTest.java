package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class KafkaOptionsTest {

  @TempDir
  Path directory;

  @Command(name = "role")
  static final class Role {
    @Mixin
    KafkaOptions kafka;
  }

  @Test
  void shouldReadTheBootstrapFlagAndTheFile() throws IOException {
    Path file = Files.writeString(directory.resolve("kafka.properties"), "security.protocol=SASL_SSL\n"
        + "sasl.mechanism=SCRAM-SHA-512\n");

    KafkaSettings settings = parse("--bootstrap", "b:9092", "--kafka-config", file.toString()).settings();

    assertThat(settings.bootstrap()).isEqualTo("b:9092");
    assertThat(settings.describe()).isEqualTo("b:9092 (SASL_SSL, SCRAM-SHA-512)");
  }

  @Test
  void shouldTurnABadFileIntoOneLineForTheUser() {
    KafkaOptions options = parse("--bootstrap", "b:9092", "--kafka-config", directory.resolve("no.properties")
        .toString());

    assertThatThrownBy(options::settings).isInstanceOf(UserException.class)
        .hasMessage("--kafka-config " + directory.resolve("no.properties") + ": no such file");
  }

  @Test
  void shouldSayWhereToGiveTheClusterWhenNothingIsGiven() {
    KafkaOptions options = parse();

    assertThat(options.given()).isFalse();
    assertThatThrownBy(options::settings).isInstanceOf(UserException.class)
        .hasMessageContaining("--bootstrap HOST:PORT");
  }

  private static KafkaOptions parse(String... args) {
    Role role = new Role();
    new CommandLine(role).parseArgs(args);
    return role.kafka;
  }
}
