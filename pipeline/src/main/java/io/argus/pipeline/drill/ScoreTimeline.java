package io.argus.pipeline.drill;

import io.argus.avro.FraudScore;
import io.argus.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a downstream reader of {@code fraud-scores} sees, as it sees it: a consumer of every partition (assigned, no
 * group, so no rebalance of its own), {@code read_committed} like any consumer of exactly-once output, polling
 * continuously from the beginning. It records when each score arrived, per partition, and how many scores each
 * transaction id got; {@link Stalls} turns the arrivals into each kill's stall.
 */
final class ScoreTimeline implements AutoCloseable {

  private final KafkaConsumer<String, FraudScore> consumer;
  private final Thread thread;
  private final Map<Integer, Arrivals> arrivals = new HashMap<>();
  private final Map<String, Integer> scoresPerTransaction = new HashMap<>();
  private final Map<String, Long> firstArrival = new HashMap<>();
  private final Map<Integer, String> latest = new HashMap<>();
  private volatile boolean running = true;
  private volatile Exception failure;

  private ScoreTimeline(String bootstrap) {
    Properties settings = new Properties();
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "argus-drill-scores");
    settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
        Topics.FRAUD_SCORES.valueSerde().deserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (int partition = 0; partition < Topics.FRAUD_SCORES.partitions(); partition++) {
      partitions.add(new TopicPartition(Topics.FRAUD_SCORES.name(), partition));
      arrivals.put(partition, new Arrivals());
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::run, "drill-scores");
  }

  static ScoreTimeline start(String bootstrap) {
    ScoreTimeline timeline = new ScoreTimeline(bootstrap);
    timeline.thread.start();
    return timeline;
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, FraudScore> record : consumer.poll(Duration.ofMillis(100))) {
          long now = System.nanoTime();
          String transactionId = record.value().getTransactionId();
          synchronized (this) {
            arrivals.get(record.partition()).add(now);
            scoresPerTransaction.merge(transactionId, 1, Integer::sum);
            firstArrival.putIfAbsent(transactionId, now);
            latest.put(record.partition(), transactionId);
          }
        }
      }
    } catch (org.apache.kafka.common.errors.WakeupException e) {
      // closing
    } catch (Exception e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  /** Arrival times ({@link System#nanoTime()}) per partition, in order. */
  synchronized Map<Integer, long[]> arrivalsByPartition() {
    Map<Integer, long[]> copy = new HashMap<>();
    arrivals.forEach((partition, times) -> copy.put(partition, times.toArray()));
    return copy;
  }

  synchronized Map<String, Integer> scoresPerTransaction() {
    return Map.copyOf(scoresPerTransaction);
  }

  /** When the first score of a transaction arrived, or null. */
  synchronized Long firstArrival(String transactionId) {
    return firstArrival.get(transactionId);
  }

  /** The transaction id of the latest score read from each partition (partitions without a score are missing). */
  synchronized Map<Integer, String> latestTransactions() {
    return Map.copyOf(latest);
  }

  synchronized long scores() {
    return arrivals.values().stream().mapToLong(Arrivals::size).sum();
  }

  /** The error that stopped reading, if one did. */
  Exception failure() {
    return failure;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A growing array of arrival times. */
  private static final class Arrivals {
    private long[] times = new long[1024];
    private int size;

    void add(long time) {
      if (size == times.length) {
        times = java.util.Arrays.copyOf(times, size * 2);
      }
      times[size++] = time;
    }

    int size() {
      return size;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(times, size);
    }
  }
}
