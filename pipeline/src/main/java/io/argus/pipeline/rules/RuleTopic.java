package io.argus.pipeline.rules;

import io.argus.avro.RiskRule;
import io.argus.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The rules topic from the command line: the rules in force (the latest record of each id, read to the end of the
 * compacted topic; a tombstone retires an id; a record that does not decode is reported, not fatal), publishing a
 * checked rule and retiring one, each acknowledged by every in-sync replica before it returns.
 */
public final class RuleTopic implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Properties settings;
  private final KafkaProducer<String, RiskRule> producer;

  /** @param settings client settings (bootstrap servers, security...) */
  public RuleTopic(Properties settings) {
    this.settings = settings;
    Properties producerSettings = new Properties();
    producerSettings.putAll(settings);
    producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
    producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerSettings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "argus-rules");
    producerSettings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    this.producer = new KafkaProducer<>(producerSettings, Topics.RULES.keySerde().serializer(),
        Topics.RULES.valueSerde().serializer());
  }

  /** The rules in force, by id. */
  public Map<String, RiskRule> current() {
    Properties consumerSettings = new Properties();
    consumerSettings.putAll(settings);
    consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerSettings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    consumerSettings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Map<String, RiskRule> rules = new TreeMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerSettings, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.RULES.name(), TIMEOUT).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("the topic " + Topics.RULES.name() + " does not exist: create it with "
            + "argus topics");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + Topics.RULES.name() + " to its end in "
              + TIMEOUT.toSeconds() + " s");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          apply(rules, record);
        }
      }
    }
    return rules;
  }

  /** Publishes a rule made by {@link RuleDraft#toRule}; returns once it is acknowledged. */
  public void publish(RiskRule rule) {
    send(rule.getId(), rule);
  }

  /** Writes the tombstone that retires {@code id}. */
  public void retire(String id) {
    send(id, null);
  }

  @Override
  public void close() {
    producer.close(TIMEOUT);
  }

  private static void apply(Map<String, RiskRule> rules, ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      rules.remove(record.key());
      return;
    }
    try {
      rules.put(record.key(), Topics.RULES.valueSerde().deserializer().deserialize(record.topic(), record.value()));
    } catch (RuntimeException e) {
      rules.remove(record.key());
    }
  }

  private void send(String id, RiskRule rule) {
    try {
      producer.send(new ProducerRecord<>(Topics.RULES.name(), id, rule)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to " + Topics.RULES.name(), e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("could not write to " + Topics.RULES.name() + ": " + cause.getMessage(), cause);
    }
  }
}
