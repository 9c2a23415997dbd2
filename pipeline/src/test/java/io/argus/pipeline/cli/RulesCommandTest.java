package io.argus.pipeline.cli;

import static io.argus.pipeline.rules.OfflineFixture.DAY_ONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.pipeline.rules.OfflineFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code argus rules}: every subcommand's help, the backtest end to end on a small store, one-line errors. */
class RulesCommandTest {

  @TempDir
  Path directory;

  @Test
  void shouldDescribeEverySubcommand() {
    for (String subcommand : new String[] {"backtest", "publish", "list", "retire"}) {
      CommandRun run = CommandRun.of("rules", subcommand, "--help");
      assertThat(run.exitCode()).as(subcommand).isZero();
    }
    assertThat(CommandRun.of("rules", "backtest", "--help").out()).contains("--offline-dir", "--from", "--days",
        "--rule", "--action", "--registry", "--model", "--alert-threshold");
    assertThat(CommandRun.of("rules", "publish", "--help").out()).contains("--bootstrap", "--kafka-config", "--id",
        "--rule", "--action", "--description", "--author");
    assertThat(CommandRun.of("rules", "--help").out()).contains("backtest", "publish", "list", "retire");
  }

  @Test
  void shouldBacktestARuleAsATableThenOneLineOfJson() throws Exception {
    Path store = new OfflineFixture(directory.resolve("offline"))
        .transaction(DAY_ONE, 10, "c-1", false)
        .transaction(DAY_ONE, 300, "c-9", true)
        .transaction(DAY_ONE, 250, "c-2", false)
        .write();

    CommandRun run = CommandRun.of("rules", "backtest", "--offline-dir", store.toString(), "--from", "2018-08-01",
        "--days", "14", "--rule", "TX_AMOUNT > 220.0", "--action", "review");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Backtest of REVIEW rule: TX_AMOUNT > 220.0", "2018-08-14",
        "precision 50.0 %, recall 100.0 %");
    JsonNode json = new ObjectMapper().readTree(run.lastLine());
    assertThat(json.get("hits").asLong()).isEqualTo(2);
    assertThat(json.get("hits_per_day")).hasSize(14);
  }

  @Test
  void shouldRefuseAnUnknownFeatureInOneLineNamingTheClosestOne() {
    CommandRun run = CommandRun.of("rules", "backtest", "--offline-dir", directory.toString(), "--from",
        "2018-08-01", "--rule", "TX_AMOUNTT > 220.0");

    assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(run.err().strip()).startsWith("argus: --rule is refused: 'TX_AMOUNTT' is not a name rules know "
        + "(did you mean 'TX_AMOUNT'?)").doesNotContain("\n");
  }

  @Test
  void shouldSayWhereNoOfflineStoreIs() {
    CommandRun run = CommandRun.of("rules", "backtest", "--offline-dir", directory.resolve("none").toString(),
        "--from", "2018-08-01", "--rule", "TX_AMOUNT > 220.0");

    assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(run.err()).contains("no offline store at");
  }

  @Test
  void shouldRefuseToPublishWithoutBootstrapServers() {
    CommandRun run = CommandRun.of("rules", "publish", "--id", "x", "--rule", "TX_AMOUNT > 1.0", "--action",
        "REVIEW");

    assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(run.err()).contains("--bootstrap");
  }
}
