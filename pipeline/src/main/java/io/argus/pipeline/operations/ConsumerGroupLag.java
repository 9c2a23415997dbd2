package io.argus.pipeline.operations;

import io.argus.kafka.KafkaSettings;
import io.micrometer.core.instrument.Gauge;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag of a consumer group, per topic, measured through the Admin API as the role's principal: the records
 * between the group's committed offsets (the earliest offset where it has committed none) and the end of each
 * partition. For a role whose consumers report their lag elsewhere — the Flink job's report it to Flink, and commit
 * only on checkpoints, so this lag includes up to a checkpoint interval. Read at most every five seconds.
 */
public final class ConsumerGroupLag implements AutoCloseable {

  private static final long REFRESH_MILLIS = 5_000;
  private static final long TIMEOUT_SECONDS = 5;

  private final Admin admin;
  private final String group;
  private final List<String> topics;
  private Map<String, Long> lag = Map.of();
  private long readAt;

  private ConsumerGroupLag(Admin admin, String group, List<String> topics) {
    this.admin = admin;
    this.group = group;
    this.topics = topics;
  }

  /** Registers {@code name{topic}} for each of {@code topics}, the lag of {@code group}. */
  public static ConsumerGroupLag bind(RoleMetrics metrics, KafkaSettings kafka, String group, List<String> topics,
      String name) {
    Properties properties = kafka.clientProperties();
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "argus-lag-" + group);
    ConsumerGroupLag lag = new ConsumerGroupLag(Admin.create(properties), group, List.copyOf(topics));
    for (String topic : topics) {
      Gauge.builder(name, lag, watched -> watched.lag(topic))
          .description("Records of the topic not yet committed by consumer group " + group)
          .tags("topic", topic, "group", group).register(metrics.registry());
    }
    return lag;
  }

  private synchronized double lag(String topic) {
    long now = System.currentTimeMillis();
    if (now - readAt > REFRESH_MILLIS) {
      readAt = now;
      try {
        lag = read();
      } catch (Exception e) {
        lag = Map.of();
      }
    }
    Long value = lag.get(topic);
    return value == null ? Double.NaN : value;
  }

  private Map<String, Long> read() throws Exception {
    Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    described.values().forEach(topic -> topic.partitions().forEach(partition -> {
      TopicPartition key = new TopicPartition(topic.name(), partition.partition());
      latest.put(key, OffsetSpec.latest());
      earliest.put(key, OffsetSpec.earliest());
    }));
    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return ends.entrySet().stream().collect(Collectors.groupingBy(entry -> entry.getKey().topic(),
        Collectors.summingLong(entry -> {
          OffsetAndMetadata offset = committed.get(entry.getKey());
          long position = offset != null ? offset.offset() : starts.get(entry.getKey()).offset();
          return Math.max(0, entry.getValue().offset() - position);
        })));
  }

  @Override
  public void close() {
    admin.close();
  }
}
