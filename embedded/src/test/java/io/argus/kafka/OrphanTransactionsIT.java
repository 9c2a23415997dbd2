package io.argus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the embedded broker, transactions named as Kafka Streams names them: the open transaction of a process that
 * is not a member of its application's group is aborted (its producer fenced, its records never readable), while a
 * member's, another application's, one younger than the minimum age, and any under a group whose members cannot be
 * told apart are left alone.
 */
class OrphanTransactionsIT {

  @TempDir
  static Path directory;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start(0, directory.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldAbortTheOpenTransactionOfAProcessThatLeftTheGroupAndNoOther() throws Exception {
    String app = "orphans";
    String topic = createTopic(app + "-out");
    String live = UUID.randomUUID().toString();
    String dead = UUID.randomUUID().toString();
    try (KafkaConsumer<String, String> member = joinGroup(app, app + "-" + live + "-StreamThread-1-consumer", topic);
        KafkaProducer<String, String> liveProducer = openTransaction(app + "-" + live + "-1", topic, "live");
        KafkaProducer<String, String> deadProducer = openTransaction(app + "-" + dead + "-1", topic, "dead");
        KafkaProducer<String, String> otherApp = openTransaction("other-" + dead + "-1", topic, "other");
        OrphanTransactions patient = OrphanTransactions.onDemand(KafkaSettings.of(broker.bootstrap()), app,
            Duration.ofMinutes(1));
        OrphanTransactions orphans = OrphanTransactions.onDemand(KafkaSettings.of(broker.bootstrap()), app,
            Duration.ZERO)) {

      assertThat(patient.abortOrphans()).as("open for less than the minimum age").isEmpty();
      assertThat(orphans.abortOrphans()).containsExactly(app + "-" + dead + "-1");
      assertThat(orphans.aborted()).isEqualTo(1);
      assertThat(orphans.abortOrphans()).isEmpty();

      assertThatThrownBy(deadProducer::commitTransaction)
          .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
      liveProducer.commitTransaction();
      otherApp.commitTransaction();
      assertThat(readCommitted(topic, 2)).containsExactlyInAnyOrder("live", "other");
    }
  }

  @Test
  void shouldAbortNothingWhenAMemberClientIdNamesNoProcess() throws Exception {
    String app = "unknowable";
    String topic = createTopic(app + "-out");
    String dead = UUID.randomUUID().toString();
    try (KafkaConsumer<String, String> member = joinGroup(app, "a-client-id-set-by-hand", topic);
        KafkaProducer<String, String> deadProducer = openTransaction(app + "-" + dead + "-1", topic, "kept");
        OrphanTransactions orphans = OrphanTransactions.onDemand(KafkaSettings.of(broker.bootstrap()), app,
            Duration.ZERO)) {

      assertThat(orphans.abortOrphans()).isEmpty();
      assertThat(orphans.aborted()).isZero();
      deadProducer.commitTransaction();
      assertThat(readCommitted(topic, 1)).containsExactly("kept");
    }
  }

  private static String createTopic(String name) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
      admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
    }
    return name;
  }

  /** A consumer in group {@code group} under {@code clientId}, once it has its partition. */
  private static KafkaConsumer<String, String> joinGroup(String group, String clientId, String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new StringDeserializer());
    consumer.subscribe(List.of(topic));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(100));
    }
    assertThat(consumer.assignment()).as("the member's partitions").isNotEmpty();
    return consumer;
  }

  /** A producer with {@code transactionalId} whose transaction holds {@code value}, written and not committed. */
  private static KafkaProducer<String, String> openTransaction(String transactionalId, String topic, String value)
      throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
        new StringSerializer());
    producer.initTransactions();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(topic, value, value)).get();
    return producer;
  }

  /** The values of {@code topic} a {@code read_committed} reader sees, once it has {@code expected} or its end. */
  private static List<String> readCommitted(String topic, int expected) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      // one more poll: a record the reader should not see would arrive with or after the expected ones
      consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
    }
    return values;
  }
}
