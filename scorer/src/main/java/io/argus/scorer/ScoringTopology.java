package io.argus.scorer;

import io.argus.avro.PendingExplanation;
import io.argus.kafka.KafkaClients;
import io.argus.schemas.AvroSerde;
import io.argus.schemas.Topics;
import io.argus.scorer.alert.ExplanationPool;
import io.argus.scorer.metrics.ScorerMetrics;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.rules.RuleHolder;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The scoring topology: {@code features} → decode and check (bad vectors to {@code transactions-dlq}) → skip
 * transaction ids already scored from another record (a window store of id → the offset it was scored from, kept for
 * the deduplication retention; a replay carries its transaction's event time, so one point lookup) → score with the
 * champion and evaluate the rules in force, combining both into the decision → {@code FraudScore} (with the rules that
 * fired) to {@code fraud-scores} at once; when the model's score reaches the alert threshold or a REVIEW or DECLINE
 * rule fires (and no ALLOW rule does), the transaction is also kept in a store of pending explanations and explained
 * off the stream thread ({@link ExplanationPool}), and its explained {@code Alert} goes to {@code alerts} when ready.
 *
 * <p>Runs {@code at_least_once} by default, each output sent within {@link KafkaClients#SCORING_PATH_LINGER_MS} ms: a
 * score is readable as soon as the broker has it, rather than at the next commit of a transaction. The offsets commit
 * every {@link #DEFAULT_COMMIT_INTERVAL_MS} ms, after the producer is flushed, so a crash never loses a score or an
 * alert; the records read since the last commit are scored again, and their scores and alerts written again. A copy
 * is the same transaction id (an alert: the same alert id), and the readers keep the first
 * ({@link io.argus.kafka.FirstCopies}). A record read again is told from a copy of a transaction that reached
 * {@code features} twice (the feature job after a restore) by its offset: the store holds the offset each id was
 * scored from. With {@code processing.guarantee=exactly_once_v2} in the settings, the scores, the alerts, both stores
 * and the input offsets commit together instead, and no copy is ever written, at the price of the commit wait.
 */
public final class ScoringTopology {

  public static final String APPLICATION_ID = "argus-scorer";
  /** The store of transaction ids already scored, each with the offset of the record it was scored from. */
  public static final String SCORED_IDS_STORE = "scored-transaction-ids";
  /** The store of alerted transactions whose explanation (and so whose alert) is not written yet. */
  public static final String PENDING_EXPLANATIONS_STORE = "pending-explanations";
  /** While explanations are outstanding, a task looks for finished ones at least this often (wall clock). */
  public static final Duration ALERT_POLL_INTERVAL = Duration.ofMillis(5);
  /**
   * Input offsets commit every this often: at least once, what a crash makes the scorer read again; exactly once, how
   * long a score waits before read-committed consumers see it.
   */
  public static final int DEFAULT_COMMIT_INTERVAL_MS = 100;

  static final String SOURCE = "features";
  static final String PROCESSOR = "score";
  static final String SCORES_SINK = "fraud-scores";
  static final String ALERTS_SINK = "alerts";
  static final String DEAD_LETTERS_SINK = "dead-letters";

  private ScoringTopology() {
  }

  /**
   * @param rules the rules in force, evaluated beside the model
   * @param explanations the workers that explain alerts (one pool per scorer instance; its tasks share it)
   */
  public static Topology build(ModelHolder holder, RuleHolder rules, ScorerConfig config, ScorerMetrics metrics,
      Clock clock, ExplanationPool explanations) {
    Topology topology = new Topology();
    topology.addSource(SOURCE, Topics.FEATURES.keySerde().deserializer(), new ByteArrayDeserializer(),
        Topics.FEATURES.name());
    topology.addProcessor(PROCESSOR, () -> new ScoringProcessor(holder, rules, config, metrics, clock, explanations),
        SOURCE);
    topology.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(SCORED_IDS_STORE, config.deduplicationRetention(),
            config.deduplicationRetention(), false),
        Serdes.String(), Serdes.Long()), PROCESSOR);
    // a handful of entries at any time, so in memory; its changelog restores it after a crash
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_EXPLANATIONS_STORE),
        Serdes.String(), AvroSerde.of(PendingExplanation.class)), PROCESSOR);
    topology.addSink(SCORES_SINK, Topics.FRAUD_SCORES.name(), Topics.FRAUD_SCORES.keySerde().serializer(),
        Topics.FRAUD_SCORES.valueSerde().serializer(), PROCESSOR);
    topology.addSink(ALERTS_SINK, Topics.ALERTS.name(), Topics.ALERTS.keySerde().serializer(),
        Topics.ALERTS.valueSerde().serializer(), PROCESSOR);
    topology.addSink(DEAD_LETTERS_SINK, Topics.TRANSACTIONS_DLQ.name(), Topics.TRANSACTIONS_DLQ.keySerde().serializer(),
        Topics.TRANSACTIONS_DLQ.valueSerde().serializer(), PROCESSOR);
    return topology;
  }

  /**
   * The Kafka Streams configuration: {@code settings} (from a file or flags) first, then the scorer's defaults for
   * whatever they leave out, the scoring path's Streams settings among them ({@link KafkaClients#scoringPathStreams}).
   */
  public static Properties config(Properties settings, String bootstrap) {
    Properties config = new Properties();
    config.putAll(settings);
    config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    config.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    config.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
    KafkaClients.scoringPathStreams(config);
    config.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    return config;
  }
}
