package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.scorer.ScorerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreCommandTest {

  @TempDir
  Path registry;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldListTheThresholdsAndPortsWithTheirDefaultsInItsHelp() {
    assertThat(run("score", "--help")).isZero();

    assertThat(out.toString()).contains("--review-threshold", "--decline-threshold", "--alert-threshold",
        "--explain-threshold", "--http-port", "Default: 0.5", "Default: 0.9", "Default: 8081",
        "POST /score", "GET /metrics");
  }

  @Test
  void shouldSayInOneLineThatTheRegistryIsMissing() {
    assertThat(run("score", "--bootstrap", "127.0.0.1:1", "--registry", registry.resolve("nowhere").toString()))
        .isEqualTo(2);

    assertThat(err.toString()).startsWith("argus: --registry ").contains("is not a directory").hasLineCount(1);
  }

  @Test
  void shouldRefuseAReviewThresholdAboveTheDeclineThreshold() {
    assertThat(run("score", "--bootstrap", "127.0.0.1:1", "--registry", registry.toString(),
        "--review-threshold", "0.95")).isEqualTo(2);

    assertThat(err.toString()).contains("review threshold 0.95 is above the decline threshold 0.9").hasLineCount(1);
  }

  @Test
  void shouldRefuseAnExplainThresholdAboveTheAlertThreshold() {
    assertThat(run("score", "--bootstrap", "127.0.0.1:1", "--registry", registry.toString(),
        "--explain-threshold", "0.7")).isEqualTo(2);

    assertThat(err.toString()).contains("every alert must carry its explanation");
  }

  @Test
  void shouldNameAFlagItDoesNotKnow() {
    assertThat(run("score", "--bootstrap", "b", "--registry", registry.toString(), "--treshold", "0.3"))
        .isEqualTo(2);

    assertThat(err.toString()).contains("--treshold", "argus score --help");
  }

  @Test
  void shouldBuildTheScorerConfigFromItsFlags() {
    ScoreCommand command = parse("--bootstrap", "b", "--registry", registry.toString(), "--alert-threshold", "0.4",
        "--review-threshold", "0.3", "--explain-budget", "1024", "--dedup-retention", "2h", "--http-port", "0");

    ScorerConfig config = command.scorerConfig();

    assertThat(config.thresholds().alert()).isEqualTo(0.4);
    assertThat(config.thresholds().explain()).isEqualTo(0.4);
    assertThat(config.thresholds().review()).isEqualTo(0.3);
    assertThat(config.explainer().evaluationBudget()).isEqualTo(1024);
    assertThat(config.deduplicationRetention()).isEqualTo(Duration.ofHours(2));
    assertThat(config.httpPort()).isZero();
  }

  @Test
  void shouldReadKafkaSettingsFromTheFileAndLetFlagsWin() throws Exception {
    Path file = registry.resolve("kafka.properties");
    Files.writeString(file, "security.protocol=SSL\ncommit.interval.ms=500\napplication.id=from-file\n");
    ScoreCommand command = parse("--bootstrap", "b", "--registry", registry.toString(), "--kafka-config",
        file.toString(), "--commit-interval-ms", "20");

    Properties settings = command.settings();

    assertThat(settings).containsEntry("security.protocol", "SSL")
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "argus-scorer");
  }

  @Test
  void shouldSayWhichKafkaConfigCannotBeRead() {
    ScoreCommand command = parse("--bootstrap", "b", "--registry", registry.toString(), "--kafka-config",
        registry.resolve("missing.properties").toString());

    assertThatThrownBy(command::settings).isInstanceOf(UserException.class)
        .hasMessageContaining("--kafka-config").hasMessageContaining("missing.properties");
  }

  private int run(String... args) {
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static ScoreCommand parse(String... args) {
    ScoreCommand command = new ScoreCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
