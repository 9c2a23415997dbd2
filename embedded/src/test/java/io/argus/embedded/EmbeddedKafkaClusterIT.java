package io.argus.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.kafka.KafkaClients;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes of one KRaft cluster in this JVM: topics are replicated three times with two in-sync replicas
 * required, writes go on while a node is down, and the node restarted on its data directory rejoins the cluster and
 * its partitions' in-sync replicas; a node refuses the data directory of another cluster.
 */
class EmbeddedKafkaClusterIT {

  private static final String TOPIC = Topics.TRANSACTIONS_RAW.name();

  @TempDir
  Path directory;

  @Test
  void shouldKeepWritingWithANodeDownAndLetItRejoin() throws Exception {
    String clusterId = Uuid.randomUuid().toString();
    List<ClusterNode> nodes = nodes(clusterId);
    List<EmbeddedKafkaBroker> brokers = startAll(nodes);
    try {
      String bootstrap = brokers.get(1).bootstrap() + "," + brokers.get(2).bootstrap();
      TopicAdmin.createMissing(bootstrap, List.of(Topics.TRANSACTIONS_RAW), (short) 3);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        assertThat(admin.describeCluster().nodes().get()).hasSize(3);
        Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC)))
            .all().get().values().iterator().next();
        assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
        assertThat(inSyncReplicas(admin)).containsOnly(3);
      }
      send(bootstrap, 0, 20);

      brokers.get(0).close();
      send(bootstrap, 20, 40);

      brokers.set(0, EmbeddedKafkaBroker.start(nodes.get(0)));
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        assertThat(admin.describeCluster().nodes().get()).hasSize(3);
        awaitFullIsr(admin);
      }
      List<String> values = TopicReader.readAll(brokers.get(0).bootstrap(), Topics.TRANSACTIONS_RAW, 40,
          Duration.ofSeconds(60), Duration.ofMillis(500)).stream()
          .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
      assertThat(values).hasSize(40).contains("v0", "v39");
    } finally {
      closeAll(brokers);
    }

    ClusterNode stranger = new ClusterNode(1, Uuid.randomUuid().toString(), "127.0.0.1", nodes.get(0).port(),
        nodes.get(0).controllerPort(), nodes.get(0).quorum(), nodes.get(0).dataDir(), Map.of());
    assertThatThrownBy(() -> EmbeddedKafkaBroker.start(stranger)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cluster.id " + clusterId);
  }

  private List<ClusterNode> nodes(String clusterId) throws IOException {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ports.add(freePort());
    }
    List<QuorumVoter> quorum = List.of(new QuorumVoter(1, "127.0.0.1", ports.get(1)),
        new QuorumVoter(2, "127.0.0.1", ports.get(3)), new QuorumVoter(3, "127.0.0.1", ports.get(5)));
    List<ClusterNode> nodes = new ArrayList<>();
    for (int id = 1; id <= 3; id++) {
      nodes.add(new ClusterNode(id, clusterId, "127.0.0.1", ports.get(2 * id - 2), ports.get(2 * id - 1), quorum,
          directory.resolve("node-" + id), Map.of()));
    }
    return nodes;
  }

  /** Each node waits for a majority of the quorum: they start together. */
  private static List<EmbeddedKafkaBroker> startAll(List<ClusterNode> nodes) {
    List<CompletableFuture<EmbeddedKafkaBroker>> starting = nodes.stream()
        .map(node -> CompletableFuture.supplyAsync(() -> EmbeddedKafkaBroker.start(node))).toList();
    return starting.stream().map(CompletableFuture::join).collect(Collectors.toCollection(ArrayList::new));
  }

  /**
   * Stops the nodes together: a node's controlled shutdown waits for the controller's approval, which a node left
   * without a majority of the quorum never gets (it would wait five minutes).
   */
  private static void closeAll(List<EmbeddedKafkaBroker> brokers) {
    CompletableFuture.allOf(brokers.stream().map(broker -> CompletableFuture.runAsync(broker::close))
        .toArray(CompletableFuture[]::new)).join();
  }

  private static void send(String bootstrap, int from, int to) throws Exception {
    try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(bootstrap, Topics.TRANSACTIONS_RAW)) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8))).get();
      }
    }
  }

  private static List<Integer> inSyncReplicas(Admin admin) throws Exception {
    TopicDescription description = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
    return description.partitions().stream().map(partition -> partition.isr().size()).toList();
  }

  private static void awaitFullIsr(Admin admin) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!inSyncReplicas(admin).stream().allMatch(size -> size == 3) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(inSyncReplicas(admin)).containsOnly(3);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
