package io.argus.pipeline.drill;

import io.argus.embedded.QuorumVoter;
import io.argus.pipeline.process.JavaCommand;
import io.argus.pipeline.process.ManagedProcess;
import io.argus.pipeline.process.Readiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * The drill's Kafka cluster: {@code argus broker} processes, each one node (broker and controller) of one KRaft
 * cluster with a static quorum of all of them, its own ports and data directory, formatted with one cluster id. They
 * start together (each waits for a majority), and stop together (a node's controlled shutdown needs the quorum).
 */
final class KafkaNodes implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC");
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final List<ManagedProcess> nodes;
  private final String bootstrap;

  private KafkaNodes(List<ManagedProcess> nodes, String bootstrap) {
    this.nodes = nodes;
    this.bootstrap = bootstrap;
  }

  /** The commands of {@code count} nodes, ready to start: {@code argus broker --node-id N ...}. */
  static List<NodeCommand> commands(int count, DrillProcesses processes, FreePorts ports, Map<String, String> overrides) {
    String clusterId = Uuid.randomUuid().toString();
    List<Integer> clientPorts = new ArrayList<>();
    List<QuorumVoter> quorum = new ArrayList<>();
    for (int id = 1; id <= count; id++) {
      clientPorts.add(ports.next());
      quorum.add(new QuorumVoter(id, DrillProcesses.HOST, ports.next()));
    }
    List<NodeCommand> commands = new ArrayList<>();
    for (int id = 1; id <= count; id++) {
      List<String> arguments = new ArrayList<>(List.of("broker", "--node-id", Integer.toString(id),
          "--controller-quorum", QuorumVoter.format(quorum), "--cluster-id", clusterId,
          "--port", Integer.toString(clientPorts.get(id - 1)),
          "--data-dir", processes.workDir().resolve("kafka-" + id).toString(), "--no-create-topics"));
      overrides.forEach((key, value) -> arguments.addAll(List.of("--override", key + "=" + value)));
      commands.add(new NodeCommand(id, DrillProcesses.HOST + ":" + clientPorts.get(id - 1),
          processes.argus(JVM_OPTIONS, arguments)));
    }
    return commands;
  }

  /** One node's id, its client address and its command. */
  record NodeCommand(int nodeId, String address, JavaCommand command) {
  }

  /** Starts every node and waits until each prints its bootstrap line. */
  static KafkaNodes start(List<NodeCommand> commands, DrillProcesses processes) throws InterruptedException {
    List<ManagedProcess> nodes = new ArrayList<>();
    for (NodeCommand node : commands) {
      nodes.add(processes.start("kafka-" + node.nodeId(), node.command(), readiness()));
    }
    KafkaNodes cluster = new KafkaNodes(nodes,
        commands.stream().map(NodeCommand::address).collect(Collectors.joining(",")));
    try {
      for (ManagedProcess node : nodes) {
        node.awaitReady(START_TIMEOUT);
      }
      return cluster;
    } catch (RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
  }

  /** A node is ready when it prints {@code bootstrap=HOST:PORT}: it answered a metadata request. */
  static Readiness readiness() {
    return Readiness.logLine("^bootstrap=\\S+$");
  }

  String bootstrap() {
    return bootstrap;
  }

  List<ManagedProcess> nodes() {
    return nodes;
  }

  /** The node that is the active controller now (the quorum's leader). */
  ManagedProcess activeController() throws Exception {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(properties)) {
      int leader = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
      return nodes.get(leader - 1);
    }
  }

  /** Stops every node together, {@code SIGKILL} after 30 s. */
  @Override
  public void close() {
    List<Thread> stopping = nodes.stream().map(node -> new Thread(node::close, "stop-" + node.name())).toList();
    stopping.forEach(Thread::start);
    for (Thread thread : stopping) {
      try {
        thread.join(STOP_GRACE.plusSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
