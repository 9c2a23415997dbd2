package io.argus.pipeline.dashboard;

import io.argus.kafka.KafkaClients;
import io.argus.kafka.KafkaSettings;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's one background consumer: it reads the output topics, decodes each record with its catalogue serde,
 * feeds the {@link DashboardState} and publishes a snapshot every push interval. Compacted and low-volume topics
 * (forecasts, model releases, rules, case decisions, dead letters) are read from the beginning; alerts from
 * {@code caseWindow} ago, so a restarted dashboard rebuilds its review queue from them and the case decisions; the
 * high-volume ones (transactions, features, scores) from {@code replay} ago, so it shows recent traffic without
 * replaying the whole history. A tombstone on {@code rules} retires the rule, with its {@code author} header. A record it cannot decode is counted as unreadable and logged once per topic; the dashboard only
 * observes, so it never writes to the dead-letter topic (the consumer that owns the record does).
 */
final class TopicFeed implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

  /** What the state does with one decoded record value and its Kafka timestamp. */
  private interface Handler<V> {
    void accept(DashboardState state, V value, long timestamp);
  }

  /** Where the dashboard starts reading a topic. */
  private enum Start { BEGINNING, REPLAY, CASE_WINDOW }

  /** One topic the dashboard reads: where it starts, and how a record is decoded and handled. */
  private record Route<V>(Topic<String, V> topic, Start start, Handler<V> handler, Deserializer<V> deserializer) {
    Route(Topic<String, V> topic, Start start, Handler<V> handler) {
      this(topic, start, handler, topic.valueSerde().deserializer());
    }
  }

  private static final Map<String, Route<?>> ROUTES = routes(
      new Route<>(Topics.TRANSACTIONS, Start.REPLAY, DashboardState::onTransaction),
      new Route<>(Topics.FEATURES, Start.REPLAY, (state, vector, timestamp) -> state.onFeatures(vector)),
      new Route<>(Topics.FRAUD_SCORES, Start.REPLAY, DashboardState::onScore),
      new Route<>(Topics.ALERTS, Start.CASE_WINDOW, DashboardState::onAlert),
      new Route<>(Topics.TRANSACTIONS_DLQ, Start.BEGINNING, DashboardState::onRejected),
      new Route<>(Topics.FORECASTS, Start.BEGINNING, (state, forecast, timestamp) -> state.onForecast(forecast)),
      new Route<>(Topics.MODEL_RELEASES, Start.BEGINNING, (state, release, timestamp) -> state.onRelease(release)),
      new Route<>(Topics.CASE_DECISIONS, Start.BEGINNING, (state, decision, timestamp) -> state.onDecision(decision)),
      new Route<>(Topics.RULES, Start.BEGINNING, (state, rule, timestamp) -> state.onRule(rule)));

  private final Consumer<String, byte[]> consumer;
  private final DashboardState state;
  private final SnapshotPublisher publisher;
  private final Clock clock;
  private final Duration replay;
  private final Duration caseWindow;
  private final Duration pushInterval;
  private final Set<String> warnedTopics = new HashSet<>();
  private final Map<String, LongAdder> read = counters();
  private final Map<String, LongAdder> unreadable = counters();
  private volatile boolean running = true;
  private volatile boolean assigned;
  private volatile boolean failed;

  TopicFeed(Consumer<String, byte[]> consumer, DashboardState state, SnapshotPublisher publisher, Clock clock,
            Duration replay, Duration caseWindow, Duration pushInterval) {
    this.consumer = consumer;
    this.state = state;
    this.publisher = publisher;
    this.clock = clock;
    this.replay = replay;
    this.caseWindow = caseWindow;
    this.pushInterval = pushInterval;
  }

  /** The names of the topics the dashboard reads. */
  static List<String> topicNames() {
    return List.copyOf(ROUTES.keySet());
  }

  /**
   * A consumer with Argus's client settings (read committed, a fresh group of its own, no commits) that leaves values
   * undecoded (string keys and bytes, the serdes of {@code transactions-raw}), so one consumer reads every topic and
   * each record is decoded with its own topic's serde.
   */
  static Consumer<String, byte[]> undecodedConsumer(KafkaSettings kafka) {
    return KafkaClients.reader(kafka, Dashboard.GROUP_PREFIX, Topics.TRANSACTIONS_RAW);
  }

  /** Whether the consumer has been given its partitions and placed on them: the feed reads. */
  boolean assigned() {
    return assigned;
  }

  /** Whether the feed stopped on an error (the dashboard's numbers no longer move). */
  boolean failed() {
    return failed;
  }

  /** Records read per topic, unreadable ones included; counted by the feed thread, read from any thread. */
  Map<String, Long> recordsRead() {
    return snapshot(read);
  }

  /** Records per topic that did not decode. */
  Map<String, Long> recordsUnreadable() {
    return snapshot(unreadable);
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(topicNames(), new StartingOffsets());
      long nextPush = 0;
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
          dispatch(ROUTES.get(record.topic()), record);
        }
        long now = clock.millis();
        if (now >= nextPush) {
          publisher.publish(state.snapshot(now), state.alertFeatures());
          nextPush = now + pushInterval.toMillis();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      failed = true;
      LOG.error("The dashboard stopped reading the topics; its numbers no longer move", e);
      throw e;
    } finally {
      consumer.close();
    }
  }

  /** Stops the loop from another thread; {@link #run()} closes the consumer and returns. */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  private static Map<String, LongAdder> counters() {
    Map<String, LongAdder> counters = new LinkedHashMap<>();
    ROUTES.keySet().forEach(topic -> counters.put(topic, new LongAdder()));
    return Collections.unmodifiableMap(counters);
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> values = new LinkedHashMap<>();
    counters.forEach((topic, count) -> values.put(topic, count.sum()));
    return values;
  }

  private static Map<String, Route<?>> routes(Route<?>... routes) {
    Map<String, Route<?>> byTopic = new LinkedHashMap<>();
    for (Route<?> route : routes) {
      byTopic.put(route.topic().name(), route);
    }
    return Collections.unmodifiableMap(byTopic);
  }

  private <V> void dispatch(Route<V> route, ConsumerRecord<String, byte[]> record) {
    read.get(record.topic()).increment();
    if (record.value() == null) {
      if (route.topic().equals(Topics.RULES) && record.key() != null) {
        Header author = record.headers().lastHeader("author");
        state.onRuleRetired(record.key(), author == null ? null : new String(author.value(), StandardCharsets.UTF_8),
            record.timestamp());
      }
      return; // a tombstone on a compacted topic
    }
    V value;
    try {
      value = route.deserializer().deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      unreadable.get(record.topic()).increment();
      state.onUnreadable(record.topic());
      if (warnedTopics.add(record.topic())) {
        LOG.warn("Records on {} cannot be decoded (first at partition {} offset {}: {}); the dashboard counts them "
            + "as unreadable and goes on", record.topic(), record.partition(), record.offset(), e.getMessage());
      }
      return;
    }
    route.handler().accept(state, value, record.timestamp());
  }

  /** Seeks each newly assigned partition to where the dashboard starts reading it. */
  private final class StartingOffsets implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      long now = clock.millis();
      Map<TopicPartition, Long> replayed = new HashMap<>();
      for (TopicPartition partition : partitions) {
        Start start = ROUTES.get(partition.topic()).start();
        if (start == Start.BEGINNING) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          replayed.put(partition, now - (start == Start.REPLAY ? replay : caseWindow).toMillis());
        }
      }
      if (!replayed.isEmpty()) {
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(replayed);
        replayed.keySet().forEach(partition -> {
          OffsetAndTimestamp offset = offsets.get(partition);
          if (offset == null) {
            consumer.seekToEnd(List.of(partition));
          } else {
            consumer.seek(partition, offset.offset());
          }
        });
      }
      assigned = !consumer.assignment().isEmpty();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Nothing to commit: the dashboard keeps no offsets.
    }
  }
}
