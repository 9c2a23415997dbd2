package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code log4j2.xml} with the log moved to a file: the file gets everything logged, the console everyone's ERROR and
 * Argus's lines from the chosen level up; two warnings that say nothing are dropped; {@code --log-file} is accepted by
 * every command.
 */
class LogFileTest {

  @TempDir
  Path temp;

  private final PrintStream standardError = System.err;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @AfterEach
  void restoreTheTestLogging() throws URISyntaxException {
    System.setErr(standardError);
    System.clearProperty(LogFile.FILE_PROPERTY);
    System.clearProperty(LogFile.CONSOLE_LEVEL_PROPERTY);
    System.clearProperty(LogFile.CONSOLE_PREFIX_PROPERTY);
    Configurator.reconfigure(LogFileTest.class.getResource("/log4j2-test.xml").toURI());
  }

  @Test
  void shouldWriteEverythingToTheFileAndKeepOnlyArgusWarningsAndErrorsOnTheDemosConsole() throws Exception {
    Path file = temp.resolve("logs").resolve("argus.log");
    System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));

    LogFile.moveTo(file, LogFile.ARGUS_WARNINGS, false);
    LoggerFactory.getLogger("io.argus.pipeline.runtime.DemoRuntime").info("argus info");
    LoggerFactory.getLogger("io.argus.scorer.Scorer").warn("argus warning");
    LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").warn("kafka warning");
    LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").info("kafka info");
    LoggerFactory.getLogger("org.apache.flink.runtime.Task").error("flink error");

    assertThat(LogFile.current()).contains(file.toAbsolutePath());
    assertThat(Files.readString(file)).contains("INFO  io.argus.pipeline.runtime.DemoRuntime [main] argus info",
        "WARN  io.argus.scorer.Scorer [main] argus warning",
        "WARN  org.apache.kafka.clients.NetworkClient [main] kafka warning",
        "ERROR org.apache.flink.runtime.Task [main] flink error").doesNotContain("kafka info");
    assertThat(console.toString(StandardCharsets.UTF_8).lines())
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).endsWith(" WARN  Scorer - argus warning"))
        .anySatisfy(line -> assertThat(line).endsWith(" ERROR Task - flink error"));
  }

  @Test
  void shouldKeepArgusInfoOnTheConsoleOfACommandGivenALogFile() throws Exception {
    System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));

    LogFile.moveTo(temp.resolve("validate.log"), LogFile.ARGUS_INFO, true);
    LoggerFactory.getLogger("io.argus.ingestion.streams.Validator").info("counts");
    LoggerFactory.getLogger("org.apache.kafka.streams.StreamsConfig").warn("noise");

    assertThat(console.toString(StandardCharsets.UTF_8)).as("each console line clears a status line first")
        .startsWith(LogFile.CLEAR_LINE).contains("INFO  Validator - counts").doesNotContain("noise");
    assertThat(temp.resolve("validate.log")).content().contains("noise");
  }

  @Test
  void shouldDropFlinksRepeatedPendingCommittablesCollisionButKeepOtherCollisions() throws Exception {
    Path file = temp.resolve("features.log");
    LogFile.moveTo(file, LogFile.ARGUS_INFO, false);
    Logger metrics = LoggerFactory.getLogger("org.apache.flink.metrics.MetricGroup");

    metrics.warn("Name collision: Group already contains a Metric with the name 'pendingCommittables'. Metric will "
        + "not be reported.[, taskmanager, 0b1c, argus features, features: Committer, 0]");
    metrics.warn("Name collision: Group already contains a Metric with the name 'servedOnline'. Metric will not be "
        + "reported.[, taskmanager, 0b1c, argus features, customer and card features, 0]");

    assertThat(file).content().contains("'servedOnline'").doesNotContain("pendingCommittables");
  }

  @Test
  void shouldAcceptLogFileOnEveryCommand() {
    CommandLine argus = ArgusCommand.commandLine();

    assertThat(argus.getSubcommands()).isNotEmpty().allSatisfy((name, command) ->
        assertThat(command.getCommandSpec().findOption("--log-file")).as(name).isNotNull());
  }
}
