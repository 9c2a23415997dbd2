package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argus bench pipeline} end to end, briefly, with every role in this JVM on an embedded broker: the table, then
 * one line of JSON whose counts reconcile — the first transaction (the pipeline answers), every raw record of the
 * latency phase and of the backlog scored, each served once by the feature job, none dead-lettered. And on a secured
 * broker, where the roles it starts must sign in with its {@code --kafka-config}.
 */
class PipelineBenchCommandIT {

  private static final int BACKLOG = 300;
  private static final int TPS = 100;

  @Test
  void shouldScoreEveryRawRecordAndPrintATableThenOneLineOfJson() throws Exception {
    CommandRun run = CommandRun.of("bench", "pipeline", "--model", "mlp", "--tps", "" + TPS, "--duration", "2s",
        "--warmup", "1s", "--backlog", "" + BACKLOG, "--customers", "200", "--alert-rate", "0.05");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("raw JSON in -> fraud score readable", "end to end: raw sent -> score readable",
        "ingestTime -> transactions readable", "scoredAt -> fraud-scores readable", "first seconds");
    JsonNode json = new ObjectMapper().readTree(run.lastLine());
    for (String figure : List.of("p50_ms", "p99_ms", "p999_ms", "throughput_per_s")) {
      assertThat(json.get(figure).isNumber()).as(figure).isTrue();
    }
    for (String stage : List.of("validator", "validator_check", "validator_commit", "features", "features_compute",
        "features_publish", "scorer", "scorer_process", "scorer_commit")) {
      assertThat(json.get("stages").get(stage).get("p99_ms").isNumber()).as(stage).isTrue();
    }
    int offered = 3 * TPS;
    assertThat(json.get("scored").asInt()).as("measured after the warm-up").isEqualTo(2 * TPS);
    assertThat(json.get("missing").asInt()).isZero();
    assertThat(json.get("drain").get("scored").asInt()).isEqualTo(BACKLOG);
    int first = 1;
    assertThat(json.get("serving").get("servedOnline").asInt()).as("featured once each, the first transaction too")
        .isEqualTo(first + BACKLOG + offered);
    assertThat(json.get("serving_skew").asInt()).isBetween(0, first + BACKLOG + offered);
    assertThat(json.get("dead_letters").size()).isZero();
    assertThat(json.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(json.get("p50_ms").asDouble());
    assertThat(json.get("settings").get("validator").get("processing.guarantee").asText())
        .isEqualTo("at_least_once");
    assertThat(json.get("settings").get("scorer").get("processing.guarantee").asText()).isEqualTo("at_least_once");
    assertThat(json.get("first_seconds_max_ms").size()).as("one per second of sending").isBetween(3, 4);
    json.get("first_seconds_max_ms").forEach(longest -> assertThat(longest.asDouble()).as("scored").isPositive());
  }

  @Test
  void shouldGiveTheRolesItStartsTheKafkaConfig(@TempDir Path directory) throws Exception {
    try (SecuredCluster cluster = SecuredCluster.start(directory, Set.of())) {
      Path config = Files.writeString(directory.resolve("bench.properties"),
          Files.readString(cluster.adminConfig()) + "linger.ms=3\n");

      CommandRun run = CommandRun.of("bench", "pipeline", "--bootstrap", cluster.bootstrap(), "--kafka-config",
          config.toString(), "--model", "mlp", "--tps", "" + TPS, "--duration", "1s", "--warmup", "1s", "--backlog",
          "0", "--customers", "200");

      assertThat(run.exitCode()).as("the roles signed in with the file's credentials: " + run.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(run.lastLine());
      assertThat(json.get("scored").asInt()).isEqualTo(TPS);
      assertThat(json.get("missing").asInt()).isZero();
      for (String role : List.of("validator", "scorer")) {
        assertThat(json.get("settings").get(role).get("producer.linger.ms").asText()).as(role).isEqualTo("3");
      }
    }
  }
}
