package io.argus.scorer.model;

import io.argus.avro.ModelRelease;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.ReleaseStatus;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.AvroDecodingException;
import io.argus.schemas.RejectedRecords;
import io.argus.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code model-releases} on a thread of its own and hands every new champion to the {@link ModelHolder}.
 *
 * <p>Every scorer instance needs every release, so the consumer is assigned all partitions (no consumer group) and
 * reads from the beginning of the compacted topic. On start it reads up to the end, keeping the latest release of
 * each model name (a tombstone withdraws a name), then adopts the newest champion, falling back to older ones if
 * that one is refused; afterwards it adopts each champion as it is published. A model being served stays served
 * until another replaces it: the scorer is never left without one. Loading a
 * model takes seconds, which is why this runs here and not in a stream thread (scoring never waits for it) nor in a
 * global store (whose restore would skip the loading code). A record it cannot decode goes to the dead-letter topic.
 */
public final class ModelReleaseFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelReleaseFollower.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final Consumer<String, byte[]> consumer;
  private final ModelHolder holder;
  private final java.util.function.Consumer<RejectedRecord> deadLetters;
  private final Clock clock;
  private final AvroCodec<ModelRelease> codec = AvroCodec.of(ModelRelease.class);
  private final Thread thread;
  private volatile boolean running = true;

  private ModelReleaseFollower(Consumer<String, byte[]> consumer, ModelHolder holder,
      java.util.function.Consumer<RejectedRecord> deadLetters, Clock clock) {
    this.consumer = consumer;
    this.holder = holder;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.thread = new Thread(this::run, "model-release-follower");
    thread.setDaemon(true);
  }

  /**
   * Starts following; the follower owns {@code consumer} (a read-committed consumer without a group) and closes it.
   */
  public static ModelReleaseFollower start(Consumer<String, byte[]> consumer, ModelHolder holder,
      java.util.function.Consumer<RejectedRecord> deadLetters, Clock clock) {
    ModelReleaseFollower follower = new ModelReleaseFollower(consumer, holder, deadLetters, clock);
    follower.thread.start();
    return follower;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODEL_RELEASES.name()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + Topics.MODEL_RELEASES.name() + " does not exist; create the "
            + "topics first (argus topics)");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      adoptNewestChampion(readToEnd(partitions));
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          ModelRelease release = decode(record);
          if (isChampion(release) && !holder.serves(release)) {
            holder.adopt(release);
          }
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("Stopped following {}: no new model will be adopted", Topics.MODEL_RELEASES.name(), e);
      throw e;
    } finally {
      consumer.close();
    }
  }

  /**
   * The latest release of each model name up to the current end of the topic, oldest first, as compaction would
   * leave them: a later release of a name replaces the earlier one and a tombstone withdraws the name.
   */
  private List<ModelRelease> readToEnd(List<TopicPartition> partitions) {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    Map<String, ModelRelease> latestByName = new LinkedHashMap<>();
    while (running && partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
        if (record.value() == null) {
          latestByName.remove(record.key());
          continue;
        }
        ModelRelease release = decode(record);
        if (release != null) {
          String name = record.key() == null ? release.getName() : record.key();
          latestByName.remove(name);
          latestByName.put(name, release);
        }
      }
    }
    List<ModelRelease> champions = latestByName.values().stream().filter(ModelReleaseFollower::isChampion).toList();
    LOG.info("Read {} to its end: {} current champion release(s)", Topics.MODEL_RELEASES.name(), champions.size());
    return champions;
  }

  private void adoptNewestChampion(List<ModelRelease> champions) {
    for (int i = champions.size() - 1; i >= 0; i--) {
      if (holder.adopt(champions.get(i))) {
        return;
      }
    }
    if (holder.current() == null) {
      LOG.warn("No usable champion on {} yet: scoring waits until one is released", Topics.MODEL_RELEASES.name());
    }
  }

  private static boolean isChampion(ModelRelease release) {
    return release != null && release.getStatus() == ReleaseStatus.CHAMPION;
  }

  /** The release in {@code record}, or {@code null} for a tombstone or a record sent to the dead letters. */
  private ModelRelease decode(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    try {
      return codec.decode(record.value());
    } catch (AvroDecodingException e) {
      LOG.warn("Undecodable record at {}-{} offset {} sent to the dead letters: {}", record.topic(),
          record.partition(), record.offset(), e.getMessage());
      deadLetters.accept(RejectedRecords.of(record, RejectReason.UNDECODABLE, e.getMessage(), clock));
      return null;
    }
  }
}
