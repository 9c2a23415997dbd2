package io.argus.pipeline.runtime;

import io.argus.avro.FraudScore;
import io.argus.kafka.KafkaClients;
import io.argus.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Measures how long the demo took to score: a read-committed consumer, on a thread of its own, waits for the first
 * record written to {@code fraud-scores} after it started, and the time from the demo's start to its arrival is the
 * figure the ready summary reports.
 */
final class FirstScoreWatch implements AutoCloseable {

  private final KafkaConsumer<String, FraudScore> consumer;
  private final CompletableFuture<Duration> firstScore = new CompletableFuture<>();
  private final Thread thread;

  private FirstScoreWatch(String bootstrap, Instant since) {
    consumer = KafkaClients.consumer(bootstrap, null, Topics.FRAUD_SCORES);
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.FRAUD_SCORES.name()).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(() -> watch(since), "demo-first-score");
    thread.setDaemon(true);
  }

  /** Starts watching; {@code since} is when the demo started. */
  static FirstScoreWatch start(String bootstrap, Instant since) {
    FirstScoreWatch watch = new FirstScoreWatch(bootstrap, since);
    watch.thread.start();
    return watch;
  }

  /** The time from the start to the first score, or empty if none arrived within {@code timeout}. */
  Optional<Duration> await(Duration timeout) throws InterruptedException {
    try {
      return Optional.of(firstScore.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("watching for the first score failed", e.getCause());
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(Duration.ofSeconds(10).toMillis());
  }

  private void watch(Instant since) {
    try {
      while (!firstScore.isDone()) {
        if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
          firstScore.complete(Duration.between(since, Instant.now()));
        }
      }
    } catch (WakeupException e) {
      firstScore.cancel(false);
    } catch (RuntimeException e) {
      firstScore.completeExceptionally(e);
    } finally {
      consumer.close();
    }
  }
}
