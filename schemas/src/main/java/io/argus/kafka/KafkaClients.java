package io.argus.kafka;

import io.argus.schemas.Topic;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Typed Kafka producers and consumers for a catalogue {@link Topic}, with the settings Argus uses everywhere:
 * idempotent, fully acknowledged producers and consumers that read only committed records. (Tests read a topic
 * back with {@code io.argus.embedded.TopicReader}, in the test-jar of {@code argus-embedded}.)
 */
public final class KafkaClients {

  private KafkaClients() {
  }

  /** An idempotent producer ({@code acks=all}) for the topic's key and value types. */
  public static <K, V> KafkaProducer<K, V> producer(String bootstrap, Topic<K, V> topic) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "argus-producer-" + topic.name());
    return new KafkaProducer<>(properties, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /**
   * A consumer of the topic's key and value types in the given group ({@code null}: a fresh group), reading from
   * the earliest offset and only committed records.
   */
  public static <K, V> KafkaConsumer<K, V> consumer(String bootstrap, String groupId, Topic<K, V> topic) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId == null ? "argus-reader-" + UUID.randomUUID() : groupId);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, groupId != null);
    return new KafkaConsumer<>(properties, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
