package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code argus bench model}: a table, then one line of JSON with the same figures; bad flags in one line. */
class ModelBenchCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldPrintTableAndEndWithOneLineOfJson() throws Exception {
    int exit = run("bench", "model", "--model", "mlp", "--iterations", "200", "--batch", "32");

    assertThat(exit).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(1)).startsWith("mlp");
    JsonNode mlp = new ObjectMapper().readTree(lines.get(lines.size() - 1)).get("models").get("mlp");
    assertThat(mlp.get("java_median_ms").asDouble()).isPositive();
    assertThat(mlp.get("dl4j_median_ms").asDouble()).isPositive();
    assertThat(mlp.get("max_abs_difference").asDouble()).as("both engines score the same").isLessThan(1e-5);
  }

  @Test
  void shouldRefuseUnknownFamilyInOneLine() {
    int exit = run("bench", "model", "--model", "gbm");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("unknown model family 'gbm'");
  }

  private int run(String... args) {
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }
}
