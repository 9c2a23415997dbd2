package io.argus.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in KRaft mode (combined broker and controller), running the broker's own code in this JVM:
 * a single-node cluster of its own ({@link #start(int, Path)}), or one node of a multi-node cluster
 * ({@link #start(ClusterNode)}). The data directory is formatted on first use; a restart on the same directory keeps
 * its topics and records, reuses its ports and rejoins its cluster; it records its cluster id, node id and ports in
 * {@code argus-broker.properties}.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dataDir)) {
 *   String bootstrap = broker.bootstrap();   // 127.0.0.1:port
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String STATE_FILE = "argus-broker.properties";
  private static final String HOST = "127.0.0.1";

  private final KafkaRaftServer server;
  private final String host;
  private final int port;
  private final Path dataDir;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String host, int port, Path dataDir) {
    this.server = server;
    this.host = host;
    this.port = port;
    this.dataDir = dataDir;
  }

  /**
   * Starts a broker on {@code port} (0 picks a free port, or the one recorded in the data directory) and waits
   * until it answers a metadata request.
   */
  public static EmbeddedKafkaBroker start(int port, Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Properties state = readState(dataDir);
      int brokerPort = port != 0 ? port : Integer.parseInt(state.getProperty("port", "0"));
      if (brokerPort == 0) {
        brokerPort = freePort();
      }
      int controllerPort = Integer.parseInt(state.getProperty("controller.port", "0"));
      if (controllerPort == 0) {
        controllerPort = freePort();
      }
      String clusterId = state.getProperty("cluster.id");
      Path logDir = dataDir.resolve("kafka-logs");
      Properties config = singleNodeConfig(brokerPort, controllerPort, logDir);
      if (clusterId == null || !Files.exists(logDir.resolve("meta.properties"))) {
        clusterId = Uuid.randomUuid().toString();
        format(config, clusterId, dataDir, "--standalone");
      }
      state.setProperty("cluster.id", clusterId);
      state.setProperty("port", Integer.toString(brokerPort));
      state.setProperty("controller.port", Integer.toString(controllerPort));
      writeState(dataDir, state);
      return run(config, HOST, brokerPort, dataDir, "Kafka broker (KRaft, cluster " + clusterId + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the broker's data directory " + dataDir, e);
    }
  }

  /**
   * Starts one node of a multi-node cluster and waits until it answers a metadata request, which it does once a
   * majority of the quorum runs and has let it in. The first start formats the data directory with the node's
   * cluster id; a restart on a formatted directory rejoins the cluster it was formatted for.
   *
   * @throws IllegalStateException when the data directory belongs to another cluster or node
   */
  public static EmbeddedKafkaBroker start(ClusterNode node) {
    Path dataDir = node.dataDir();
    try {
      Files.createDirectories(dataDir);
      Properties state = readState(dataDir);
      Path logDir = dataDir.resolve("kafka-logs");
      Properties config = clusterNodeConfig(node, logDir);
      if (Files.exists(logDir.resolve("meta.properties"))) {
        requireSame(state, "cluster.id", node.clusterId(), dataDir);
        requireSame(state, "node.id", Integer.toString(node.nodeId()), dataDir);
      } else {
        format(config, node.clusterId(), dataDir);
      }
      state.setProperty("cluster.id", node.clusterId());
      state.setProperty("node.id", Integer.toString(node.nodeId()));
      state.setProperty("port", Integer.toString(node.port()));
      state.setProperty("controller.port", Integer.toString(node.controllerPort()));
      state.setProperty("controller.quorum.voters", QuorumVoter.format(node.quorum()));
      writeState(dataDir, state);
      return run(config, node.host(), node.port(), dataDir,
          "Kafka node " + node.nodeId() + " of " + node.quorum().size() + " (KRaft, cluster " + node.clusterId() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the broker's data directory " + dataDir, e);
    }
  }

  private static EmbeddedKafkaBroker run(Properties config, String host, int port, Path dataDir, String name) {
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
    server.startup();
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, host, port, dataDir);
    broker.awaitReady(Duration.ofSeconds(60));
    LOG.info("{} ready at {} with data in {}", name, broker.bootstrap(), dataDir);
    return broker;
  }

  private static void requireSame(Properties state, String key, String expected, Path dataDir) {
    String recorded = state.getProperty(key);
    if (recorded != null && !recorded.equals(expected)) {
      throw new IllegalStateException(dataDir + " holds the data of " + key + " " + recorded + ", not " + expected
          + ": give each node its own data directory, and the cluster id it was formatted with");
    }
  }

  /** {@code host:port} ({@code 127.0.0.1:port} for a single node), for {@code bootstrap.servers}. */
  public String bootstrap() {
    return host + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Kafka broker at {} stopped", bootstrap());
  }

  private static Properties singleNodeConfig(int brokerPort, int controllerPort, Path logDir) {
    Properties config = commonConfig(1, HOST, brokerPort, controllerPort, logDir);
    config.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
    config.put("offsets.topic.replication.factor", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    return config;
  }

  /** A node of a cluster: a static quorum of every node, {@link ClusterSettings}, then the node's overrides. */
  private static Properties clusterNodeConfig(ClusterNode node, Path logDir) {
    Properties config = commonConfig(node.nodeId(), node.host(), node.port(), node.controllerPort(), logDir);
    config.put("controller.quorum.voters", QuorumVoter.format(node.quorum()));
    config.putAll(ClusterSettings.forNodes(node.quorum().size()));
    config.putAll(node.overrides());
    return config;
  }

  /** What every node shares: combined roles, plaintext listeners, no automatic topics, flushes left to the OS. */
  private static Properties commonConfig(int nodeId, String host, int brokerPort, int controllerPort, Path logDir) {
    Properties config = new Properties();
    config.put("node.id", Integer.toString(nodeId));
    config.put("process.roles", "broker,controller");
    config.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", logDir.toAbsolutePath().toString());
    config.put("num.partitions", "1");
    config.put("auto.create.topics.enable", "false");
    config.put("offsets.topic.num.partitions", "4");
    config.put("transaction.state.log.num.partitions", "4");
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    return config;
  }

  private static void format(Properties config, String clusterId, Path dataDir, String... options)
      throws IOException {
    Path configFile = dataDir.resolve("server.properties");
    try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
      config.store(writer, "written by Argus to format the embedded broker's storage");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    List<String> arguments = new ArrayList<>(List.of("format", "-t", clusterId, "-c", configFile.toString()));
    arguments.addAll(List.of(options));
    int status = StorageTool.execute(arguments.toArray(String[]::new),
        new PrintStream(output, true, StandardCharsets.UTF_8));
    if (status != 0) {
      throw new IllegalStateException("formatting the broker storage in " + dataDir + " failed: " + output);
    }
  }

  private void awaitReady(Duration timeout) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(properties)) {
      while (true) {
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          admin.listTopics().names().get(5, TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          if (System.nanoTime() > deadline) {
            close();
            throw new IllegalStateException("the embedded broker at " + bootstrap() + " did not become ready in "
                + timeout.toSeconds() + " s", e);
          }
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
          }
        }
      }
    }
  }

  private static Properties readState(Path dataDir) throws IOException {
    Properties state = new Properties();
    Path file = dataDir.resolve(STATE_FILE);
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        state.load(reader);
      }
    }
    return state;
  }

  private static void writeState(Path dataDir, Properties state) throws IOException {
    try (Writer writer = Files.newBufferedWriter(dataDir.resolve(STATE_FILE), StandardCharsets.UTF_8)) {
      state.store(writer, "the embedded broker's cluster id and ports, reused on restart");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
