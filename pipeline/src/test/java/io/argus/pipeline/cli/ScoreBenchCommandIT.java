package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code argus bench score} end to end, briefly, with rules in force: the table, then one line of JSON with the
 * headline figures and the rules' cost per transaction.
 */
class ScoreBenchCommandIT {

  @Test
  void shouldPrintATableThenOneLineOfJsonWithTheHeadlineFigures() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine commandLine = ArgusCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));

    int status = commandLine.execute("bench", "score", "--model", "mlp", "--tps", "200", "--duration", "2s",
        "--warmup", "1s", "--backlog", "300", "--alert-rate", "0.05", "--explain-budget", "512",
        "--commit-interval-ms", "20", "--rules", "4");

    assertThat(status).isZero();
    List<String> lines = out.toString().lines().filter(line -> !line.isBlank()).toList();
    assertThat(out.toString()).contains("throughput (backlog of 300 vectors drained)",
        "features in -> score out (read committed)", "scoring step (model alone)");
    JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    for (String figure : List.of("p50_ms", "p99_ms", "p999_ms", "throughput_per_s", "model_p99_ms",
        "explain_p99_ms")) {
      assertThat(json.get(figure)).as(figure).isNotNull();
      assertThat(json.get(figure).isNumber()).as(figure).isTrue();
    }
    assertThat(json.get("scored").asInt()).isEqualTo(400);
    assertThat(json.get("missing").asInt()).isZero();
    assertThat(json.get("explained").asInt()).isPositive();
    assertThat(json.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(json.get("p50_ms").asDouble());
    assertThat(json.get("rules").asInt()).isEqualTo(4);
    assertThat(json.get("rules_us_per_transaction").asDouble()).isPositive();
    assertThat(out.toString()).contains("rules: 4 in force while scoring");
  }
}
