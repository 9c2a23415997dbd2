package io.argus.schemas;

import io.argus.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics of the catalogue that do not exist yet; running it twice changes nothing. */
public final class TopicAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
  private static final Duration REPLICA_WAIT = Duration.ofSeconds(30);

  private TopicAdmin() {
  }

  /**
   * Creates the missing topics of {@code topics}.
   *
   * @return the names of the topics it created (empty when all existed)
   */
  public static List<String> createMissing(String bootstrap, Collection<Topic<?, ?>> topics, short replication) {
    return createMissing(KafkaSettings.of(bootstrap), topics, replication);
  }

  /**
   * Creates the missing topics of {@code topics} on the cluster of {@code kafka}, as its principal. A topic the
   * principal may not see counts as missing: creating it then fails with an authorization error, in the
   * {@link IllegalStateException}'s cause.
   *
   * @return the names of the topics it created (empty when all existed)
   */
  public static List<String> createMissing(KafkaSettings kafka, Collection<Topic<?, ?>> topics, short replication) {
    String bootstrap = kafka.bootstrap();
    Properties properties = kafka.clientProperties(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    try (Admin admin = Admin.create(properties)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : topics) {
        if (!existing.contains(topic.name())) {
          missing.add(new NewTopic(topic.name(), topic.partitions(), replication).configs(topic.configs()));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
        awaitReplicas(admin, missing, replication);
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics on " + bootstrap, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics on " + bootstrap + ": " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /**
   * Waits until every broker meant to host a replica of the new partitions has created its log. A broker answers
   * metadata requests for a new partition slightly before it acts as its leader; an idempotent producer that writes
   * in that moment can have a request refused and a later one accepted, and the refused records then fail with
   * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until the delivery timeout (KAFKA-15591). Waiting here closes that window.
   */
  private static void awaitReplicas(Admin admin, List<NewTopic> created, short replication)
      throws InterruptedException, ExecutionException {
    Set<TopicPartition> expected = new HashSet<>();
    for (NewTopic topic : created) {
      for (int partition = 0; partition < topic.numPartitions(); partition++) {
        expected.add(new TopicPartition(topic.name(), partition));
      }
    }
    List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
    long deadline = System.nanoTime() + REPLICA_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Map<TopicPartition, Integer> replicas = new HashMap<>();
      for (Map<String, LogDirDescription> directories : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
        for (LogDirDescription directory : directories.values()) {
          directory.replicaInfos().keySet().forEach(partition -> replicas.merge(partition, 1, Integer::sum));
        }
      }
      if (expected.stream().allMatch(partition -> replicas.getOrDefault(partition, 0) >= replication)) {
        return;
      }
      Thread.sleep(20);
    }
    LOG.warn("The new topics' replicas were not all created within {}; producing now may be refused for a moment",
        REPLICA_WAIT);
  }

  /** Creates every missing topic of the catalogue with replication factor 1 (single broker). */
  public static List<String> createAll(String bootstrap) {
    return createMissing(bootstrap, Topics.ALL, (short) 1);
  }

  /** Creates every missing topic of the catalogue with replication factor 1 (single broker), as kafka's principal. */
  public static List<String> createAll(KafkaSettings kafka) {
    return createMissing(kafka, Topics.ALL, (short) 1);
  }

}
