package io.argus.kafka;

import io.argus.schemas.Topic;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Typed Kafka producers and consumers for a catalogue {@link Topic}, with the settings Argus uses everywhere:
 * idempotent, fully acknowledged producers and consumers that read only committed records, over the role's
 * {@link KafkaSettings} (security and client properties of its {@code --kafka-config}). Every client built here is
 * announced to the settings' {@link KafkaClientListener}. (Tests read a topic back with
 * {@code io.argus.embedded.TopicReader}, in the test-jar of {@code argus-embedded}.)
 */
public final class KafkaClients {

  /**
   * How long the producers of the scoring path (the validator's two stages, the feature job's {@code features} sink,
   * the scorer) wait to fill a request: 1 ms. Sending each record at once ({@code linger.ms=0}) makes every record a
   * produce request and a fetch response for each reader; on two cores that CPU makes records wait for a core, so the
   * p99 is longer than with a short linger. Longer lingers add their wait to each of the path's hops. Measured in the
   * pipeline README ("linger and warm-up": 0, 1, 2, 3, 5 and 10 ms; "a tenth session": 0, 1, 2 and 3 ms again).
   */
  public static final int SCORING_PATH_LINGER_MS = 1;

  /**
   * The linger of a scoring-path producer configured by {@code config}: the {@code linger.ms} it gives every client
   * (a role's {@code --kafka-config}), else {@link #SCORING_PATH_LINGER_MS}. The Kafka Streams roles set their
   * producer's {@code producer.linger.ms} to it, unless that is given too: so one {@code linger.ms} reaches every
   * role's producer.
   */
  public static Object scoringPathLinger(Properties config) {
    return config.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, SCORING_PATH_LINGER_MS);
  }

  /**
   * Lays the Kafka Streams settings the scoring path's Streams roles (the validator's two stages, the scorer) share
   * under {@code config}'s own:
   * <ul>
   *   <li>their producers' {@code producer.linger.ms}: {@link #scoringPathLinger};
   *   <li>{@code max.task.idle.ms=-1} ({@code StreamsConfig.MAX_TASK_IDLE_MS_CONFIG}). It decides how long a task
   *       waits for data on one of its input partitions while another has some; each task of these topologies reads
   *       one partition, so there is never anything to wait for. At its default (0) Kafka Streams 4.4 still formats
   *       log text ({@code String.format}) for every task without buffered records each time it looks for work,
   *       whether or not that text is logged: 3.7 % of the validator's CPU in a profile at 1,000 tx/s.
   * </ul>
   */
  public static void scoringPathStreams(Properties config) {
    config.putIfAbsent("producer." + ProducerConfig.LINGER_MS_CONFIG, scoringPathLinger(config));
    config.putIfAbsent("max.task.idle.ms", -1L);
  }

  /** The group of a consumer given none: a fresh one, so that it reads the topic from its beginning. */
  public static final String FRESH_GROUP_PREFIX = "argus-reader-";

  private KafkaClients() {
  }

  /** An idempotent producer ({@code acks=all}) for the topic's key and value types. */
  public static <K, V> KafkaProducer<K, V> producer(String bootstrap, Topic<K, V> topic) {
    return producer(KafkaSettings.of(bootstrap), topic);
  }

  /**
   * An idempotent producer ({@code acks=all}, linger 5 ms unless the settings say otherwise) for the topic's key and
   * value types.
   */
  public static <K, V> KafkaProducer<K, V> producer(KafkaSettings settings, Topic<K, V> topic) {
    Properties properties = settings.clientProperties(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5));
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "argus-producer-" + topic.name());
    KafkaProducer<K, V> producer = new KafkaProducer<>(properties, topic.keySerde().serializer(),
        topic.valueSerde().serializer());
    settings.listener().producerCreated(producer);
    return producer;
  }

  /**
   * A consumer of the topic's key and value types in the given group ({@code null}: a fresh group), reading from
   * the earliest offset and only committed records.
   */
  public static <K, V> KafkaConsumer<K, V> consumer(String bootstrap, String groupId, Topic<K, V> topic) {
    return consumer(KafkaSettings.of(bootstrap), groupId, topic);
  }

  /**
   * A consumer of the topic's key and value types in the given group ({@code null}: a fresh group named
   * {@value #FRESH_GROUP_PREFIX}..., committing nothing), reading from the earliest offset and only committed
   * records unless the settings say otherwise.
   */
  public static <K, V> KafkaConsumer<K, V> consumer(KafkaSettings settings, String groupId, Topic<K, V> topic) {
    return groupId == null ? reader(settings, FRESH_GROUP_PREFIX, topic) : consumer(settings, groupId, true, topic);
  }

  /**
   * A consumer of the topic's key and value types in a fresh group, {@code groupPrefix} and a random id (a role's own
   * prefix, so that an ACL can grant it its groups and no others), committing nothing, reading from the earliest
   * offset and only committed records unless the settings say otherwise.
   */
  public static <K, V> KafkaConsumer<K, V> reader(KafkaSettings settings, String groupPrefix, Topic<K, V> topic) {
    return consumer(settings, groupPrefix + UUID.randomUUID(), false, topic);
  }

  private static <K, V> KafkaConsumer<K, V> consumer(KafkaSettings settings, String groupId, boolean commit,
      Topic<K, V> topic) {
    Properties properties = settings.clientProperties(Map.of(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, commit);
    KafkaConsumer<K, V> consumer = new KafkaConsumer<>(properties, topic.keySerde().deserializer(),
        topic.valueSerde().deserializer());
    settings.listener().consumerCreated(consumer);
    return consumer;
  }
}
