package io.argus.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class ClusterNodeTest {

  private static final String CLUSTER_ID = Uuid.randomUuid().toString();
  private static final List<QuorumVoter> QUORUM = QuorumVoter.parseAll("1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097");
  private static final Path DATA = Path.of("data");

  @Test
  void shouldDescribeANodeOfTheQuorum() {
    ClusterNode node = new ClusterNode(2, CLUSTER_ID, "127.0.0.1", 9094, 9095, QUORUM, DATA, Map.of());

    assertThat(node.bootstrap()).isEqualTo("127.0.0.1:9094");
  }

  @Test
  void shouldRejectANodeOutsideTheQuorum() {
    assertThatThrownBy(() -> new ClusterNode(4, CLUSTER_ID, "127.0.0.1", 9098, 9099, QUORUM, DATA, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 4 is not in the controller quorum");
  }

  @Test
  void shouldRejectAControllerAddressTheQuorumDoesNotName() {
    assertThatThrownBy(() -> new ClusterNode(2, CLUSTER_ID, "127.0.0.1", 9094, 9093, QUORUM, DATA, Map.of()))
        .hasMessageContaining("the quorum names 2@127.0.0.1:9095");
  }

  @Test
  void shouldRejectAClusterIdThatIsNotAUuid() {
    assertThatThrownBy(() -> new ClusterNode(2, "my-cluster", "127.0.0.1", 9094, 9095, QUORUM, DATA, Map.of()))
        .hasMessageContaining("'my-cluster'");
    assertThatThrownBy(() -> new ClusterNode(2, null, "127.0.0.1", 9094, 9095, QUORUM, DATA, Map.of()))
        .hasMessageContaining("same cluster id");
  }

  @Test
  void shouldReplicateToThreeWithTwoInSyncFromThreeNodesOn() {
    assertThat(ClusterSettings.forNodes(3)).containsEntry("default.replication.factor", "3")
        .containsEntry("min.insync.replicas", "2").containsEntry("transaction.state.log.min.isr", "2")
        .containsEntry("unclean.leader.election.enable", "false");
    assertThat(ClusterSettings.forNodes(5)).containsEntry("default.replication.factor", "3")
        .containsEntry("min.insync.replicas", "2");
    assertThat(ClusterSettings.forNodes(1)).containsEntry("default.replication.factor", "1")
        .containsEntry("min.insync.replicas", "1");
  }
}
