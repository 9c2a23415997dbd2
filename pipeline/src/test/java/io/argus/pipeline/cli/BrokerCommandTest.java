package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.embedded.ClusterNode;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BrokerCommandTest {

  private static final String QUORUM = "1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097";

  @Test
  void shouldPrintANewClusterId() {
    CommandRun run = CommandRun.of("broker", "--random-cluster-id");

    assertThat(run.exitCode()).isZero();
    assertThat(Uuid.fromString(run.out().trim())).isNotNull();
  }

  @Test
  void shouldDescribeAClusterNodeFromItsQuorumEntry() {
    String clusterId = Uuid.randomUuid().toString();
    BrokerCommand command = parse("--node-id", "2", "--controller-quorum", QUORUM, "--cluster-id", clusterId,
        "--port", "19094", "--data-dir", "data/kafka-2", "--override", "broker.session.timeout.ms=6000");

    ClusterNode node = command.clusterNode();

    assertThat(node.nodeId()).isEqualTo(2);
    assertThat(node.bootstrap()).isEqualTo("127.0.0.1:19094");
    assertThat(node.controllerPort()).isEqualTo(19095);
    assertThat(node.quorum()).hasSize(3);
    assertThat(node.dataDir()).isEqualTo(Path.of("data/kafka-2"));
    assertThat(node.overrides()).isEqualTo(Map.of("broker.session.timeout.ms", "6000"));
  }

  @Test
  void shouldAskForTheNodeIdAndClusterIdOfAClusterNode() {
    CommandRun run = CommandRun.of("broker", "--controller-quorum", QUORUM, "--port", "19094");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--node-id and --cluster-id").contains("--random-cluster-id").hasLineCount(1);
  }

  @Test
  void shouldRefuseANodeOutsideItsQuorum() {
    CommandRun run = CommandRun.of("broker", "--node-id", "4", "--controller-quorum", QUORUM, "--cluster-id",
        Uuid.randomUuid().toString(), "--port", "19098");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--node-id 4 is not in --controller-quorum").hasLineCount(1);
  }

  @Test
  void shouldRefuseClusterFlagsWithoutAQuorum() {
    CommandRun run = CommandRun.of("broker", "--node-id", "1", "--port", "19092");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("give --controller-quorum too").hasLineCount(1);
  }

  @Test
  void shouldExplainABadQuorum() {
    CommandRun run = CommandRun.of("broker", "--node-id", "1", "--controller-quorum", "1@127.0.0.1", "--cluster-id",
        Uuid.randomUuid().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("ID@HOST:PORT").hasLineCount(1);
  }

  private static BrokerCommand parse(String... args) {
    BrokerCommand command = new BrokerCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
