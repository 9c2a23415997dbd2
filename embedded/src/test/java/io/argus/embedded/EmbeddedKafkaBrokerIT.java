package io.argus.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.kafka.KafkaClients;
import io.argus.kafka.KafkaSettings;
import io.argus.schemas.Topic;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker restarted on its data directory keeps its port, topics and records (read back by {@link TopicReader}); a
 * secured broker authenticates its users and lets them do only what an ACL grants.
 */
class EmbeddedKafkaBrokerIT {

  @TempDir
  Path dataDir;

  @Test
  void shouldKeepTopicsAndRecordsAcrossRestart() throws Exception {
    String topic = Topics.TRANSACTIONS_RAW.name();
    int port;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dataDir)) {
      port = broker.port();
      assertThat(TopicAdmin.createAll(broker.bootstrap())).hasSize(Topics.ALL.size());
      assertThat(TopicAdmin.createAll(broker.bootstrap())).isEmpty();
      try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(broker.bootstrap(),
          Topics.TRANSACTIONS_RAW)) {
        for (int i = 0; i < 25; i++) {
          producer.send(new ProducerRecord<>(topic, "k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8))).get();
        }
      }
    }

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dataDir)) {
      assertThat(broker.port()).isEqualTo(port);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
        Set<String> names = admin.listTopics().names().get();
        assertThat(names).containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
        ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
        Config config = admin.describeConfigs(List.of(node)).all().get().get(node);
        EmbeddedKafkaBroker.requestThreads(Runtime.getRuntime().availableProcessors())
            .forEach((name, value) -> assertThat(config.get(name).value()).as(name).isEqualTo(value));
        ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        assertThat(admin.describeConfigs(List.of(raw)).all().get().get(raw).get("index.interval.bytes").value())
            .isEqualTo(Integer.toString(Topic.INDEX_INTERVAL_BYTES));
      }
      List<String> values = TopicReader.readAll(broker.bootstrap(), Topics.TRANSACTIONS_RAW, 25,
          Duration.ofSeconds(30), Duration.ofMillis(500)).stream()
          .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
      assertThat(values).hasSize(25).contains("v0", "v24");
    }
  }

  @Test
  void shouldAuthenticateUsersAndAllowOnlyWhatAnAclGrants() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startSecured(0, dataDir, "admin-secret")) {
      KafkaSettings admin = KafkaSettings.of(broker.bootstrap(), broker.adminProperties());
      assertThat(broker.isSecured()).isTrue();
      assertThat(TopicAdmin.createMissing(admin, List.of(Topics.TRANSACTIONS_RAW), (short) 1))
          .containsExactly(Topics.TRANSACTIONS_RAW.name());
      broker.addScramUser("alice", "alice-secret");
      KafkaSettings alice = KafkaSettings.of(broker.bootstrap(),
          EmbeddedKafkaBroker.scramClientProperties("alice", "alice-secret"));
      KafkaSettings intruder = KafkaSettings.of(broker.bootstrap(),
          EmbeddedKafkaBroker.scramClientProperties("alice", "wrong"));

      assertThatThrownBy(() -> send(alice, "refused")).hasRootCauseInstanceOf(TopicAuthorizationException.class);
      assertThatThrownBy(() -> send(intruder, "intruder")).hasRootCauseInstanceOf(
          SaslAuthenticationException.class);
      try (Admin granting = Admin.create(admin.clientProperties())) {
        granting.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC,
            Topics.TRANSACTIONS_RAW.name(), PatternType.LITERAL), new AccessControlEntry("User:alice", "*",
            AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get();
      }
      sendOnceAllowed(alice, "granted");

      assertThat(TopicReader.readAll(admin, Topics.TRANSACTIONS_RAW, 1, Duration.ofSeconds(30), Duration.ZERO))
          .extracting(record -> record.key()).containsExactly("granted");
    }
  }

  private static void send(KafkaSettings settings, String key) throws Exception {
    Properties quick = settings.clientProperties();
    quick.put("max.block.ms", 10_000);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(quick, new StringSerializer(),
        new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_RAW.name(), key, new byte[] {1})).get();
    }
  }

  /** The broker applies a new ACL once its metadata is published: a moment after createAcls returns. */
  private static void sendOnceAllowed(KafkaSettings settings, String key) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        send(settings, key);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicAuthorizationException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
