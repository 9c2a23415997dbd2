package io.argus.embedded;

import io.argus.kafka.KafkaClients;
import io.argus.kafka.KafkaSettings;
import io.argus.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads a catalogue topic back in an integration test: from the beginning, in a fresh consumer group, only committed
 * records, until the expected count has arrived or a timeout has passed, then on for a quiet period so that the test
 * also sees records beyond the expected ones (duplicates). Shipped in this module's test-jar.
 */
public final class TopicReader {

  private TopicReader() {
  }

  /** Every record of {@code topic}, until {@code expected} have arrived or {@code timeout}, then for {@code quiet}. */
  public static <K, V> List<ConsumerRecord<K, V>> readAll(
      String bootstrap, Topic<K, V> topic, int expected, Duration timeout, Duration quiet) {
    return read(bootstrap, topic, record -> true, expected, timeout, quiet);
  }

  /** {@link #readAll(String, Topic, int, Duration, Duration)} as the principal of {@code kafka} (a secured broker). */
  public static <K, V> List<ConsumerRecord<K, V>> readAll(
      KafkaSettings kafka, Topic<K, V> topic, int expected, Duration timeout, Duration quiet) {
    return read(kafka, topic, record -> true, expected, timeout, quiet);
  }

  /**
   * The records of {@code topic} that match, read until {@code expected} of them have arrived or {@code timeout},
   * then for {@code quiet}; records that do not match are skipped and not counted.
   */
  public static <K, V> List<ConsumerRecord<K, V>> read(String bootstrap, Topic<K, V> topic,
      Predicate<ConsumerRecord<K, V>> matches, int expected, Duration timeout, Duration quiet) {
    return read(KafkaSettings.of(bootstrap), topic, matches, expected, timeout, quiet);
  }

  /** {@link #read(String, Topic, Predicate, int, Duration, Duration)} as the principal of {@code kafka}. */
  public static <K, V> List<ConsumerRecord<K, V>> read(KafkaSettings kafka, Topic<K, V> topic,
      Predicate<ConsumerRecord<K, V>> matches, int expected, Duration timeout, Duration quiet) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = KafkaClients.consumer(kafka, null, topic)) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        poll(consumer, Duration.ofMillis(200), matches, records);
      }
      long quietEnd = System.nanoTime() + quiet.toNanos();
      while (System.nanoTime() < quietEnd) {
        poll(consumer, Duration.ofMillis(100), matches, records);
      }
    }
    return records;
  }

  private static <K, V> void poll(KafkaConsumer<K, V> consumer, Duration timeout,
      Predicate<ConsumerRecord<K, V>> matches, List<ConsumerRecord<K, V>> records) {
    for (ConsumerRecord<K, V> record : consumer.poll(timeout)) {
      if (matches.test(record)) {
        records.add(record);
      }
    }
  }
}
