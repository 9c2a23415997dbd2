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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
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
 * <p>{@link #startSecured} starts it the way a production cluster runs: clients authenticate with SASL SCRAM-SHA-512
 * (over plaintext: this is one machine), and the KRaft {@code StandardAuthorizer} allows only what an ACL grants,
 * except to the super user {@value #ADMIN} (whose credential is written when the storage is formatted, as the
 * storage tool's {@code --add-scram} does). The controller listener authenticates the broker with SASL PLAIN, as
 * KRaft requires (SCRAM credentials live in the metadata the controller serves). Other users are added with
 * {@link #addScramUser}.
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

  /** The super user of a secured broker: it formats, authenticates between broker and controller, grants ACLs. */
  public static final String ADMIN = "admin";
  /** The SASL mechanism of a secured broker's client listener. */
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
  private static final int SCRAM_ITERATIONS = 8192;

  private final KafkaRaftServer server;
  private final String host;
  private final int port;
  private final Path dataDir;
  private final Map<String, String> adminProperties;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String host, int port, Path dataDir,
      Map<String, String> adminProperties) {
    this.server = server;
    this.host = host;
    this.port = port;
    this.dataDir = dataDir;
    this.adminProperties = adminProperties;
  }

  /**
   * Starts a broker on {@code port} (0 picks a free port, or the one recorded in the data directory) and waits
   * until it answers a metadata request.
   */
  public static EmbeddedKafkaBroker start(int port, Path dataDir) {
    return start(port, dataDir, null);
  }

  /**
   * Starts a secured broker (SASL SCRAM-SHA-512 and ACLs, see the class comment) on {@code port} (0: a free port, or
   * the recorded one); {@value #ADMIN}, the super user, has {@code adminPassword}. A directory formatted by an earlier
   * secured start must be started again with the same password.
   */
  public static EmbeddedKafkaBroker startSecured(int port, Path dataDir, String adminPassword) {
    if (adminPassword == null || adminPassword.isBlank() || adminPassword.contains("\"")
        || adminPassword.contains(",") || adminPassword.contains("]")) {
      throw new IllegalArgumentException("the admin password must be non-blank, without quotes, commas or ']'");
    }
    return start(port, dataDir, adminPassword);
  }

  private static EmbeddedKafkaBroker start(int port, Path dataDir, String adminPassword) {
    try {
      Files.createDirectories(dataDir);
      Properties state = readState(dataDir);
      int brokerPort = port != 0 ? port : Integer.parseInt(state.getProperty("port", "0"));
      if (brokerPort == 0) {
        brokerPort = freePort();
      }
      int controllerPort = Integer.parseInt(state.getProperty("controller.port", "0"));
      while (controllerPort == 0 || controllerPort == brokerPort) {
        // the OS may hand out again the port it has just handed out for the broker, once that socket is closed
        controllerPort = freePort();
      }
      String clusterId = state.getProperty("cluster.id");
      Path logDir = dataDir.resolve("kafka-logs");
      Properties config = singleNodeConfig(brokerPort, controllerPort, logDir);
      if (adminPassword != null) {
        secure(config, adminPassword);
      }
      if (clusterId == null || !Files.exists(logDir.resolve("meta.properties"))) {
        clusterId = Uuid.randomUuid().toString();
        format(config, clusterId, dataDir, adminPassword, "--standalone");
      }
      state.setProperty("cluster.id", clusterId);
      state.setProperty("port", Integer.toString(brokerPort));
      state.setProperty("controller.port", Integer.toString(controllerPort));
      writeState(dataDir, state);
      return run(config, HOST, brokerPort, dataDir, "Kafka broker (KRaft, cluster " + clusterId
          + (adminPassword == null ? "" : ", SASL " + SCRAM_MECHANISM + " and ACLs") + ")",
          adminPassword == null ? Map.of() : scramClientProperties(ADMIN, adminPassword));
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
        format(config, node.clusterId(), dataDir, null);
      }
      state.setProperty("cluster.id", node.clusterId());
      state.setProperty("node.id", Integer.toString(node.nodeId()));
      state.setProperty("port", Integer.toString(node.port()));
      state.setProperty("controller.port", Integer.toString(node.controllerPort()));
      state.setProperty("controller.quorum.voters", QuorumVoter.format(node.quorum()));
      writeState(dataDir, state);
      return run(config, node.host(), node.port(), dataDir,
          "Kafka node " + node.nodeId() + " of " + node.quorum().size() + " (KRaft, cluster " + node.clusterId() + ")",
          Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the broker's data directory " + dataDir, e);
    }
  }

  private static EmbeddedKafkaBroker run(Properties config, String host, int port, Path dataDir, String name,
      Map<String, String> adminProperties) {
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
    server.startup();
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, host, port, dataDir, adminProperties);
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

  /** Whether clients must authenticate (SASL SCRAM-SHA-512) and be granted ACLs. */
  public boolean isSecured() {
    return !adminProperties.isEmpty();
  }

  /** The client properties of the super user (none for a broker that is not secured). */
  public Map<String, String> adminProperties() {
    return adminProperties;
  }

  /**
   * Adds, or changes the password of, a SCRAM-SHA-512 user of a secured broker (through the Admin API, as the super
   * user), and waits until the broker authenticates with it.
   */
  public void addScramUser(String user, String password) {
    if (!isSecured()) {
      throw new IllegalStateException("the broker at " + bootstrap() + " does not authenticate clients");
    }
    try (Admin admin = Admin.create(adminClientProperties())) {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password))).all()
          .get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (admin.describeUserScramCredentials(List.of(user)).all().get(30, TimeUnit.SECONDS).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the credential of " + user + " did not appear in 30 s");
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while adding user " + user, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot add user " + user + ": " + e.getMessage(), e);
    }
  }

  /** The client properties of a SCRAM-SHA-512 user over {@code SASL_PLAINTEXT}, the password written inline. */
  public static Map<String, String> scramClientProperties(String user, String password) {
    return Map.of(
        "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", SCRAM_MECHANISM,
        "sasl.jaas.config", scramLogin(user, password));
  }

  private static String scramLogin(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
        + password + "\";";
  }

  private Properties adminClientProperties() {
    Properties properties = new Properties();
    properties.putAll(adminProperties);
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    return properties;
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
    config.putAll(requestThreads(Runtime.getRuntime().availableProcessors()));
    return config;
  }

  /**
   * The threads that serve requests, sized to the machine the broker shares with the roles rather than to a server of
   * its own (Kafka's defaults: 8 I/O threads, 3 network threads per listener): half the cores for I/O, a quarter for
   * the network, at least one each. On two cores, one of each made the end-to-end benchmark faster than two of each,
   * and two faster than Kafka's defaults (the pipeline README, Measured).
   */
  static Map<String, String> requestThreads(int cores) {
    return Map.of("num.io.threads", Integer.toString(Math.max(1, cores / 2)),
        "num.network.threads", Integer.toString(Math.max(1, cores / 4)));
  }

  /**
   * SASL on both listeners and the KRaft authorizer: the client (and inter-broker) listener takes SCRAM-SHA-512, the
   * controller listener PLAIN (with the super user's password in its JAAS configuration, client and server side).
   */
  private static void secure(Properties config, String adminPassword) {
    String listeners = config.getProperty("listeners");
    config.put("listeners", listeners.replace("PLAINTEXT://", "CLIENT://"));
    config.put("advertised.listeners", config.getProperty("advertised.listeners").replace("PLAINTEXT://",
        "CLIENT://"));
    config.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    config.put("inter.broker.listener.name", "CLIENT");
    config.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
    config.put("listener.name.client.sasl.enabled.mechanisms", SCRAM_MECHANISM);
    config.put("listener.name.client.scram-sha-512.sasl.jaas.config", scramLogin(ADMIN, adminPassword));
    config.put("sasl.mechanism.controller.protocol", "PLAIN");
    config.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    config.put("listener.name.controller.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN + "\" password=\""
            + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\";");
    config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    config.put("super.users", "User:" + ADMIN);
    config.put("allow.everyone.if.no.acl.found", "false");
  }

  private static void format(Properties config, String clusterId, Path dataDir, String adminPassword,
      String... options) throws IOException {
    Path configFile = dataDir.resolve("server.properties");
    Properties written = new Properties();
    written.putAll(config);
    written.keySet().removeIf(key -> key.toString().endsWith("sasl.jaas.config")); // no password on disk
    try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
      written.store(writer, "written by Argus to format the embedded broker's storage");
    }
    List<String> arguments = new ArrayList<>(List.of("format", "-t", clusterId, "-c", configFile.toString()));
    arguments.addAll(List.of(options));
    if (adminPassword != null) {
      arguments.addAll(List.of("--add-scram", SCRAM_MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword
          + "]"));
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status = StorageTool.execute(arguments.toArray(String[]::new),
        new PrintStream(output, true, StandardCharsets.UTF_8));
    if (status != 0) {
      throw new IllegalStateException("formatting the broker storage in " + dataDir + " failed: " + output);
    }
  }

  private void awaitReady(Duration timeout) {
    Properties properties = adminClientProperties();
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
