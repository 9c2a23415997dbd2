package io.argus.scorer;

import io.argus.scorer.metrics.ScorerMetrics;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.rules.RuleHolder;
import io.argus.scorer.rules.RuleSet;
import io.argus.schemas.Topics;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The scoring topology: {@code features} → decode and check (bad vectors to {@code transactions-dlq}) → skip
 * transaction ids already scored (a window store of ids, kept for the deduplication retention) → score with the
 * champion, evaluate the rules in force and combine both into the decision, explain above the explain threshold or
 * when alerting → {@code FraudScore} (with the rules that fired) to {@code fraud-scores}, and an {@code Alert} to
 * {@code alerts} when the model's score reaches the alert threshold or a REVIEW or DECLINE rule fires (and no ALLOW
 * rule does). Runs with {@code exactly_once_v2}: the scores, the alerts, the store
 * of scored ids and the input offsets commit together, so a crash never loses or doubles a score.
 */
public final class ScoringTopology {

  public static final String APPLICATION_ID = "argus-scorer";
  /** The store of transaction ids already scored. */
  public static final String SCORED_IDS_STORE = "scored-transaction-ids";
  /** Exactly-once commits every this often; a score becomes visible to read-committed consumers on commit. */
  public static final int DEFAULT_COMMIT_INTERVAL_MS = 100;

  static final String SOURCE = "features";
  static final String PROCESSOR = "score";
  static final String SCORES_SINK = "fraud-scores";
  static final String ALERTS_SINK = "alerts";
  static final String DEAD_LETTERS_SINK = "dead-letters";

  private ScoringTopology() {
  }

  /** The topology scoring with the model alone, no rules. */
  public static Topology build(ModelHolder holder, ScorerConfig config, ScorerMetrics metrics, Clock clock) {
    return build(holder, RuleHolder.of(RuleSet.EMPTY), config, metrics, clock);
  }

  /** The topology scoring with the model and the rules in force in {@code rules}. */
  public static Topology build(ModelHolder holder, RuleHolder rules, ScorerConfig config, ScorerMetrics metrics,
      Clock clock) {
    Topology topology = new Topology();
    topology.addSource(SOURCE, Topics.FEATURES.keySerde().deserializer(), new ByteArrayDeserializer(),
        Topics.FEATURES.name());
    topology.addProcessor(PROCESSOR, () -> new ScoringProcessor(holder, rules, config, metrics, clock), SOURCE);
    topology.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(SCORED_IDS_STORE, config.deduplicationRetention(),
            config.deduplicationRetention(), false),
        Serdes.String(), Serdes.Long()), PROCESSOR);
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
   * whatever they leave out.
   */
  public static Properties config(Properties settings, String bootstrap) {
    Properties config = new Properties();
    config.putAll(settings);
    config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    config.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
    config.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    return config;
  }
}
