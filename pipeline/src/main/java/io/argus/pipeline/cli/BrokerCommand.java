package io.argus.pipeline.cli;

import io.argus.embedded.ClusterNode;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.embedded.QuorumVoter;
import io.argus.schemas.TopicAdmin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.Uuid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus broker}: a real Kafka broker in KRaft mode, in this process, until Ctrl-C — a single-node cluster of
 * its own, or, with {@code --node-id}, {@code --controller-quorum} and {@code --cluster-id}, one node of a
 * multi-node cluster (broker and controller combined).
 */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs a Kafka broker in KRaft mode (the broker's own code, in-process) until Ctrl-C. Prints "
        + "bootstrap=HOST:PORT once ready. A restart on the same data directory keeps topics and records.",
        "Alone it is a single-node cluster. With --node-id, --controller-quorum and --cluster-id it is one node of a "
            + "cluster (broker and controller combined; replication 3, min.insync.replicas 2 from three nodes on); "
            + "start every node with the same quorum and cluster id (argus broker --random-cluster-id makes one), "
            + "each with its own data directory, then create the topics: argus topics --replication 3."})
public final class BrokerCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "9092", description = "Client port (0: a free port, single node only). "
      + "Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--data-dir", defaultValue = "argus-data/kafka", description = "Where the broker keeps its logs. "
      + "Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--create-topics", negatable = true, defaultValue = "true",
      description = "Single node: create the catalogue's topics once ready. Default: ${DEFAULT-VALUE}.")
  boolean createTopics;

  @Option(names = "--node-id", description = "Cluster: this node's id, one of the quorum's.")
  Integer nodeId;

  @Option(names = "--controller-quorum", paramLabel = "ID@HOST:PORT,...",
      description = "Cluster: every node's id and controller address, the same on every node (for example "
          + "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097). This node listens for the quorum at its own entry, "
          + "and for clients on the same host at --port.")
  String controllerQuorum;

  @Option(names = "--cluster-id", description = "Cluster: the id every node is formatted with (22 characters).")
  String clusterId;

  @Option(names = "--override", paramLabel = "KEY=VALUE",
      description = "Cluster: a broker setting over the cluster defaults (repeatable), as kafka-server-start's "
          + "--override.")
  Map<String, String> overrides = Map.of();

  @Option(names = "--random-cluster-id", description = "Print a new cluster id and exit.")
  boolean randomClusterId;

  @Override
  public Integer call() throws InterruptedException {
    if (randomClusterId) {
      spec.commandLine().getOut().println(Uuid.randomUuid());
      return 0;
    }
    if (port < 0 || port > 65_535) {
      throw new UserException("--port must be between 0 and 65535, got " + port);
    }
    EmbeddedKafkaBroker broker = controllerQuorum == null ? startSingleNode() : EmbeddedKafkaBroker.start(clusterNode());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "broker-shutdown"));
    if (createTopics && controllerQuorum == null) {
      TopicAdmin.createAll(broker.bootstrap());
    }
    System.out.println("bootstrap=" + broker.bootstrap());
    System.out.flush();
    stopped.await();
    return 0;
  }

  private EmbeddedKafkaBroker startSingleNode() {
    if (nodeId != null || clusterId != null || !overrides.isEmpty()) {
      throw new UserException("--node-id, --cluster-id and --override make a cluster node: give --controller-quorum "
          + "too");
    }
    return EmbeddedKafkaBroker.start(port, dataDir);
  }

  /** The node the cluster flags describe; a missing or inconsistent flag is the user's to fix. */
  ClusterNode clusterNode() {
    if (nodeId == null || clusterId == null) {
      throw new UserException("a cluster node needs --node-id and --cluster-id besides --controller-quorum "
          + "(argus broker --random-cluster-id makes an id; give every node the same)");
    }
    if (port == 0) {
      throw new UserException("a cluster node needs a fixed --port: the other nodes and clients find it there");
    }
    try {
      List<QuorumVoter> quorum = QuorumVoter.parseAll(controllerQuorum);
      QuorumVoter self = quorum.stream().filter(voter -> voter.nodeId() == nodeId).findFirst()
          .orElseThrow(() -> new UserException("--node-id " + nodeId + " is not in --controller-quorum "
              + controllerQuorum));
      return new ClusterNode(nodeId, clusterId, self.host(), port, self.port(), quorum, dataDir, overrides);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }
}
