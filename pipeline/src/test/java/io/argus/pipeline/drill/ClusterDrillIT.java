package io.argus.pipeline.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole drill, as {@code ./argus drill} runs it: three Kafka nodes, a Flink session cluster with the feature job,
 * two validators, two scorers, the forecaster and the dashboard, each a process of {@code target/argus.jar}; a
 * broker, a TaskManager, a scorer and a validator killed one at a time; every record reconciled. It takes several
 * minutes and most of a 2-core machine, so it runs only under {@code mvn -B -pl pipeline -am verify -Pdrill}. The
 * stalls are printed, not asserted: they are wall-clock times.
 */
class ClusterDrillIT {

  @TempDir
  Path workDirectory;

  @Test
  void shouldLoseAndDoubleNothingWhileABrokerATaskManagerAScorerAndTheValidatorAreKilled() throws Exception {
    ArgusInstallation installation = ArgusInstallation.running().orElseThrow(() -> new AssertionError(
        "no target/argus.jar with lib/ beside target/classes: run this IT through mvn verify -Pdrill"));
    DrillConfig config = new DrillConfig(100, Duration.ofSeconds(100), 2, 2, 2, List.of(KillTarget.BROKER,
        KillTarget.TASKMANAGER, KillTarget.SCORER, KillTarget.VALIDATOR), Duration.ofSeconds(10),
        workDirectory.resolve("drill"), null, 7, Map.of(), Map.of(), Map.of());
    StringWriter output = new StringWriter();
    DrillResult result;
    try (Drill drill = Drill.prepare(config, installation, new PrintWriter(output, true))) {
      result = drill.run();
      result.print(new PrintWriter(output, true));
    } finally {
      System.out.println(output);
    }

    assertThat(result.kills()).extracting(KillResult::target).containsExactly(KillTarget.BROKER,
        KillTarget.TASKMANAGER, KillTarget.SCORER, KillTarget.VALIDATOR);
    assertThat(result.kills().get(1).jobBack()).isNotNull();
    assertThat(result.refused()).isZero();
    assertThat(result.unplannedExits()).isEmpty();
    Reconciliation accounts = result.reconciliation();
    assertThat(accounts.problems()).isEmpty();
    assertThat(accounts.lost()).isZero();
    assertThat(accounts.duplicates()).isZero();
    assertThat(accounts.rawBalances()).isTrue();
    assertThat(accounts.transactions()).isPositive();
    assertThat(accounts.scored()).isEqualTo(accounts.transactions());
    assertThat(accounts.deadLettersByReason()).containsKeys("DUPLICATE", "NEGATIVE_AMOUNT");
    assertThat(output.toString()).contains("lost=0 duplicates=0");
    assertThat(output.toString().strip().lines().reduce((first, second) -> second).orElseThrow())
        .startsWith("{\"lost\":0,\"duplicates\":0,\"kills\":[");
  }
}
