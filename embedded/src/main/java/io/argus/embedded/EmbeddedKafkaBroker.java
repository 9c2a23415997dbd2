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
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), running the broker's own code
 * in this JVM. The data directory is formatted on first use; a restart on the same directory keeps its topics and
 * records and reuses its ports, which it records in {@code argus-broker.properties}.
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
  private final int port;
  private final Path dataDir;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path dataDir) {
    this.server = server;
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
      Properties config = brokerConfig(brokerPort, controllerPort, logDir);
      if (clusterId == null || !Files.exists(logDir.resolve("meta.properties"))) {
        clusterId = Uuid.randomUuid().toString();
        format(config, clusterId, dataDir);
      }
      state.setProperty("cluster.id", clusterId);
      state.setProperty("port", Integer.toString(brokerPort));
      state.setProperty("controller.port", Integer.toString(controllerPort));
      writeState(dataDir, state);

      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
      server.startup();
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, brokerPort, dataDir);
      broker.awaitReady(Duration.ofSeconds(60));
      LOG.info("Kafka broker (KRaft, cluster {}) ready at {} with data in {}", clusterId, broker.bootstrap(),
          dataDir);
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the broker's data directory " + dataDir, e);
    }
  }

  /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
  public String bootstrap() {
    return HOST + ":" + port;
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

  private static Properties brokerConfig(int brokerPort, int controllerPort, Path logDir) {
    Properties config = new Properties();
    config.put("node.id", "1");
    config.put("process.roles", "broker,controller");
    config.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
    config.put("log.dirs", logDir.toAbsolutePath().toString());
    config.put("num.partitions", "1");
    config.put("auto.create.topics.enable", "false");
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "4");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("transaction.state.log.num.partitions", "4");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    return config;
  }

  private static void format(Properties config, String clusterId, Path dataDir) throws IOException {
    Path configFile = dataDir.resolve("server.properties");
    try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
      config.store(writer, "written by Argus to format the embedded broker's storage");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status = StorageTool.execute(
        new String[] {"format", "-t", clusterId, "-c", configFile.toString(), "--standalone"},
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
