package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.ingestion.streams.ValidatorTopology;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.validation.ValidationLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestionCommandsTest {

  @TempDir
  Path directory;

  @Test
  void shouldExplainHowToProvideAMissingTokenKeyInOneLine() {
    assumeTrue(System.getenv(CardTokenizer.KEY_ENVIRONMENT_VARIABLE) == null, "ARGUS_TOKEN_KEY is set here");

    CommandRun run = CommandRun.of("validate", "--bootstrap", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1).first().asString().contains("ARGUS_TOKEN_KEY", "--token-key-file");
  }

  @Test
  void shouldNameAMissingKeyFileOrInputFileInOneLine() throws IOException {
    CommandRun noKey = CommandRun.of("ingest", "--bootstrap", "127.0.0.1:1", "--token-key-file",
        directory.resolve("absent.key").toString(), "transactions.csv");
    Path key = keyFile();
    CommandRun noFile = CommandRun.of("ingest", "--bootstrap", "127.0.0.1:1", "--token-key-file", key.toString(),
        directory.resolve("absent.csv").toString());

    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.err().lines()).hasSize(1).first().asString().contains("absent.key", "does not exist");
    assertThat(noFile.exitCode()).isEqualTo(2);
    assertThat(noFile.err().lines()).hasSize(1).first().asString().contains("absent.csv", "no such file");
  }

  @Test
  void shouldRefuseAWrongFlagOrAMissingDestinationInOneLine() {
    CommandRun wrongFlag = CommandRun.of("simulate", "--out", "x.csv", "--speed", "3");
    CommandRun noDestination = CommandRun.of("simulate", "--days", "3");
    CommandRun badDays = CommandRun.of("simulate", "--out", directory.resolve("x.csv").toString(), "--days", "0");

    assertThat(List.of(wrongFlag, noDestination, badDays)).allSatisfy(run -> {
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().lines()).hasSize(1);
    });
    assertThat(wrongFlag.err()).contains("--speed");
    assertThat(noDestination.err()).contains("--out", "--bootstrap");
    assertThat(badDays.err()).contains("days must be at least 1, got 0");
  }

  @Test
  void shouldDescribeEveryOptionWithItsDefault() {
    for (String[] command : List.of(new String[] {"validate", "--help"}, new String[] {"simulate", "--help"},
        new String[] {"ingest", "--help"}, new String[] {"bench", "validate", "--help"})) {
      CommandRun run = CommandRun.of(command);
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage:", "Default:");
    }
  }

  @Test
  void shouldDefaultToTheLimitsAndWindowOfTheValidator() {
    CommandLine.ParseResult parsed = ArgusCommand.commandLine().parseArgs("validate", "--bootstrap", "b:9092");
    ValidateCommand validate = (ValidateCommand) parsed.subcommand().commandSpec().userObject();

    assertThat(validate.limits.limits()).isEqualTo(ValidationLimits.DEFAULTS);
    assertThat(validate.duplicateWindow).isEqualTo(ValidatorTopology.DEFAULT_DUPLICATE_WINDOW);
  }

  @Test
  void shouldSimulateTheSameCsvFromTheSameSeed() throws IOException {
    Path first = directory.resolve("first.csv");
    Path second = directory.resolve("second.csv");

    CommandRun run = CommandRun.of("simulate", "--out", first.toString(), "--days", "5", "--customers", "100",
        "--terminals", "200");
    CommandRun again = CommandRun.of("simulate", "--out", second.toString(), "--days", "5", "--customers", "100",
        "--terminals", "200");

    assertThat(run.exitCode()).isZero();
    assertThat(again.exitCode()).isZero();
    List<String> lines = Files.readAllLines(first);
    assertThat(lines.get(0)).isEqualTo("TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,"
        + "TX_TIME_DAYS,TX_FRAUD,TX_FRAUD_SCENARIO");
    assertThat(lines).hasSizeGreaterThan(100).isEqualTo(Files.readAllLines(second));
    JsonNode summary = new ObjectMapper().readTree(run.lastLine());
    assertThat(summary.get("transactions").asLong()).isEqualTo(lines.size() - 1);
    assertThat(summary.get("frauds").asLong())
        .isEqualTo(lines.stream().skip(1).filter(line -> line.split(",")[7].equals("1")).count());
  }

  private Path keyFile() throws IOException {
    return Files.writeString(directory.resolve("token.key"), "a2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleS1rZXk=");
  }
}
