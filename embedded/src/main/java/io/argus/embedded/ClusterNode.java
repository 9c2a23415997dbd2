package io.argus.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.Uuid;

/**
 * One node of a multi-node KRaft cluster, broker and controller combined: its id, the cluster id every node is
 * formatted with, the address it listens on for clients ({@code host:port}) and for the controller quorum
 * ({@code host:controllerPort}), the quorum of all nodes, its own data directory, and settings that override the
 * cluster defaults of {@link ClusterSettings}.
 *
 * <pre>{@code
 * List<QuorumVoter> quorum = QuorumVoter.parseAll("1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097");
 * EmbeddedKafkaBroker node2 = EmbeddedKafkaBroker.start(
 *     new ClusterNode(2, clusterId, "127.0.0.1", 9094, 9095, quorum, Path.of("data/kafka-2"), Map.of()));
 * }</pre>
 */
public record ClusterNode(int nodeId, String clusterId, String host, int port, int controllerPort,
    List<QuorumVoter> quorum, Path dataDir, Map<String, String> overrides) {

  public ClusterNode {
    Objects.requireNonNull(dataDir, "dataDir");
    quorum = List.copyOf(quorum);
    overrides = Map.copyOf(overrides);
    if (clusterId == null || clusterId.isBlank()) {
      throw new IllegalArgumentException("every node of a cluster needs the same cluster id; none given");
    }
    try {
      Uuid.fromString(clusterId);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a cluster id is 22 characters of URL-safe Base64 (a UUID), got '"
          + clusterId + "'", e);
    }
    if (port < 1 || port > 65_535 || controllerPort < 1 || controllerPort > 65_535) {
      throw new IllegalArgumentException("node " + nodeId + ": ports must be between 1 and 65535, got " + port
          + " and " + controllerPort);
    }
    if (port == controllerPort) {
      throw new IllegalArgumentException("node " + nodeId + ": the client and controller ports must differ, both are "
          + port);
    }
    QuorumVoter self = voter(quorum, nodeId);
    if (self.port() != controllerPort || !self.host().equals(host)) {
      throw new IllegalArgumentException("node " + nodeId + " listens for the quorum on " + host + ":"
          + controllerPort + " but the quorum names " + self);
    }
  }

  private static QuorumVoter voter(List<QuorumVoter> quorum, int nodeId) {
    for (QuorumVoter voter : quorum) {
      if (voter.nodeId() == nodeId) {
        return voter;
      }
    }
    throw new IllegalArgumentException("node " + nodeId + " is not in the controller quorum "
        + QuorumVoter.format(quorum) + "; every node is a voter");
  }

  /** {@code host:port}, for {@code bootstrap.servers}. */
  public String bootstrap() {
    return host + ":" + port;
  }
}
