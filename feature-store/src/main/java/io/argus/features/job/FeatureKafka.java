package io.argus.features.job;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.kafka.KafkaClients;
import io.argus.kafka.KafkaSettings;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.AvroDecodingException;
import io.argus.schemas.FlinkAvroSchema;
import io.argus.schemas.RejectedRecords;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The feature job's Kafka wiring, from the topic catalogue: sources of {@code transactions} and {@code fraud-labels}
 * that turn an undecodable record into an {@code UNDECODABLE} rejection with its bytes and coordinates, a
 * {@code features} sink keyed by card token and tuned for latency (the scoring path's linger, at-least-once: the
 * scorer skips transaction ids it has scored), and the {@code transactions-dlq} sink keyed by source topic. Every live
 * run of the job (on a Flink cluster, {@code argus features}, the demo, the benchmark) takes its sources and sinks
 * from {@link #wiring}. The role's {@link KafkaSettings} (security, SASL, TLS of its {@code --kafka-config}) go to
 * every consumer, producer and admin client of the connector as they are: a config provider reference such as
 * {@code ${env:NAME}} travels unresolved and is resolved by the Kafka client in the task that runs it.
 */
public final class FeatureKafka {

  /** The consumer group of the live job unless told otherwise: its offsets are committed on checkpoints. */
  public static final String DEFAULT_GROUP_ID = "argus-features";

  private FeatureKafka() {
  }

  /** What the live job reads and where it writes. */
  public record Wiring(FeatureJob.Sources sources, FeatureJob.Sinks sinks) {
  }

  /**
   * The live job's sources and sinks: both topics read in consumer group {@code groupId}, resuming from its committed
   * offsets (the earliest on first start); {@code features} and the dead letters on Kafka, and the offline store
   * (features, labels and serving skew) under {@code offlineStore}, a URI Flink's file system understands.
   */
  public static Wiring wiring(String bootstrap, String groupId, String offlineStore) {
    return wiring(KafkaSettings.of(bootstrap), groupId, offlineStore);
  }

  /** {@link #wiring(String, String, String)} with the role's Kafka settings (security and client properties). */
  public static Wiring wiring(KafkaSettings kafka, String groupId, String offlineStore) {
    return new Wiring(sources(kafka, groupId), new FeatureJob.Sinks(featuresSink(kafka),
        OfflineSinks.features(offlineStore), OfflineSinks.labels(offlineStore), deadLetterSink(kafka),
        OfflineSinks.skew(offlineStore)));
  }

  private static FeatureJob.Sources sources(KafkaSettings kafka, String groupId) {
    return new FeatureJob.Sources(
        source(kafka, groupId, Topics.TRANSACTIONS, new Decoding<>(Transaction.class)),
        Topics.TRANSACTIONS.name(),
        source(kafka, groupId, Topics.FRAUD_LABELS, new Decoding<>(FraudLabel.class)),
        Topics.FRAUD_LABELS.name());
  }

  /** A source of a topic through the given deserializer (a test passes one that fails on purpose). */
  public static <T> KafkaSource<Either<RejectedRecord, T>> source(String bootstrap, String groupId, Topic<?, ?> topic,
      KafkaRecordDeserializationSchema<Either<RejectedRecord, T>> deserializer) {
    return source(KafkaSettings.of(bootstrap), groupId, topic, deserializer);
  }

  /**
   * A source of a topic through the given deserializer, with the role's Kafka settings over the source's defaults
   * (read committed); the group and the starting offsets are the job's.
   */
  public static <T> KafkaSource<Either<RejectedRecord, T>> source(KafkaSettings kafka, String groupId,
      Topic<?, ?> topic, KafkaRecordDeserializationSchema<Either<RejectedRecord, T>> deserializer) {
    return KafkaSource.<Either<RejectedRecord, T>>builder()
        .setProperties(kafka.clientProperties(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")))
        .setBootstrapServers(kafka.bootstrap())
        .setTopics(topic.name())
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(deserializer)
        .setProperty("commit.offsets.on.checkpoint", "true")
        .build();
  }

  /** The {@code features} topic, keyed by card token. */
  private static KafkaSink<FeatureVector> featuresSink(KafkaSettings kafka) {
    return sink(kafka, Topics.FEATURES, FeatureVector.class,
        vector -> vector.getCardToken().getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code transactions-dlq} topic, keyed by the topic the record came from. */
  private static KafkaSink<RejectedRecord> deadLetterSink(KafkaSettings kafka) {
    return sink(kafka, Topics.TRANSACTIONS_DLQ, RejectedRecord.class,
        rejected -> rejected.getSourceTopic().getBytes(StandardCharsets.UTF_8));
  }

  private static <T extends SpecificRecord> KafkaSink<T> sink(KafkaSettings kafka, Topic<String, T> topic,
      Class<T> type, SerializationSchema<T> key) {
    KafkaRecordSerializationSchema<T> serializer = KafkaRecordSerializationSchema.<T>builder()
        .setTopic(topic.name())
        .setKeySerializationSchema(key)
        .setValueSerializationSchema(new FlinkAvroSchema<>(type))
        .build();
    return KafkaSink.<T>builder()
        .setKafkaProducerConfig(kafka.clientProperties(Map.of(
            ProducerConfig.LINGER_MS_CONFIG, String.valueOf(KafkaClients.SCORING_PATH_LINGER_MS),
            ProducerConfig.ACKS_CONFIG, "all")))
        .setBootstrapServers(kafka.bootstrap())
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  /** Decodes a record's value; what does not decode becomes an {@code UNDECODABLE} rejection. */
  public static final class Decoding<T extends SpecificRecord>
      implements KafkaRecordDeserializationSchema<Either<RejectedRecord, T>> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;
    private transient AvroCodec<T> codec;

    public Decoding(Class<T> type) {
      this.type = type;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<RejectedRecord, T>> out) {
      if (codec == null) {
        codec = AvroCodec.of(type);
      }
      try {
        out.collect(Either.Right(codec.decode(record.value())));
      } catch (AvroDecodingException e) {
        out.collect(Either.Left(RejectedRecords.of(record, RejectReason.UNDECODABLE, e.getMessage(),
            Clock.systemUTC())));
      }
    }

    @Override
    public TypeInformation<Either<RejectedRecord, T>> getProducedType() {
      return FeatureJob.inputType(type);
    }
  }
}
