package io.argus.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker settings every node of a multi-node cluster starts with (a {@link ClusterNode}'s overrides win): what
 * makes the cluster keep every acknowledged record through the loss of a node, and what makes it notice that loss
 * within seconds. The values and the measurements behind them are in the root README ("Running on a cluster").
 *
 * <ul>
 *   <li>Replication: every topic, the internal ones included, is replicated to three nodes (fewer when the quorum is
 *       smaller), and a write with {@code acks=all} needs two in-sync replicas: one node may fail without losing an
 *       acknowledged record or refusing writes. Unclean leader election stays off: a replica that missed records
 *       never becomes leader.</li>
 *   <li>Failover: a node that stops heartbeating to the controller is fenced after {@value #SESSION_TIMEOUT_MS} ms
 *       (Kafka's default is 9,000); fencing is what moves its partitions' leadership and takes it out of every ISR,
 *       and until then every {@code acks=all} write to a partition it replicates waits. Heartbeats every
 *       {@value #HEARTBEAT_INTERVAL_MS} ms leave four missed beats before the fence. When the node that dies is the
 *       active controller, the others first elect a new one, which starts every node's session afresh: they notice
 *       after {@value #QUORUM_FETCH_TIMEOUT_MS} ms without an answer to their fetches (Kafka's default is 2,000). The
 *       drill's broker kill measured these against 4,000 / 1,000 / 2,000 (root README).</li>
 *   <li>A producer that dies inside a transaction and does not come back has it aborted once its
 *       {@code transaction.timeout.ms} passes; the coordinator looks for such transactions every
 *       {@value #ABORT_CHECK_INTERVAL_MS} ms (Kafka's default, 10,000, adds up to ten seconds to the wait).</li>
 * </ul>
 */
public final class ClusterSettings {

  /** How long the controller waits for a node's heartbeat before fencing it. */
  public static final int SESSION_TIMEOUT_MS = 3_000;
  public static final int HEARTBEAT_INTERVAL_MS = 750;
  /** How long a controller waits for the active controller's answer before it stands for election. */
  public static final int QUORUM_FETCH_TIMEOUT_MS = 1_000;
  public static final int ABORT_CHECK_INTERVAL_MS = 1_000;
  private static final int MAX_REPLICATION = 3;

  private ClusterSettings() {
  }

  /** The settings of a cluster of {@code nodes} nodes. */
  public static Map<String, String> forNodes(int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("a cluster has at least one node, got " + nodes);
    }
    String replication = Integer.toString(Math.min(MAX_REPLICATION, nodes));
    String minInSync = Integer.toString(Math.max(1, Math.min(MAX_REPLICATION, nodes) - 1));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("default.replication.factor", replication);
    settings.put("min.insync.replicas", minInSync);
    settings.put("offsets.topic.replication.factor", replication);
    settings.put("transaction.state.log.replication.factor", replication);
    settings.put("transaction.state.log.min.isr", minInSync);
    settings.put("share.coordinator.state.topic.replication.factor", replication);
    settings.put("share.coordinator.state.topic.min.isr", minInSync);
    settings.put("unclean.leader.election.enable", "false");
    settings.put("broker.session.timeout.ms", Integer.toString(SESSION_TIMEOUT_MS));
    settings.put("broker.heartbeat.interval.ms", Integer.toString(HEARTBEAT_INTERVAL_MS));
    settings.put("controller.quorum.fetch.timeout.ms", Integer.toString(QUORUM_FETCH_TIMEOUT_MS));
    settings.put("transaction.abort.timed.out.transaction.cleanup.interval.ms",
        Integer.toString(ABORT_CHECK_INTERVAL_MS));
    return settings;
  }
}
