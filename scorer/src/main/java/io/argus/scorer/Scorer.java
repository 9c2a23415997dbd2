package io.argus.scorer;

import io.argus.common.Health;
import io.argus.features.FraudV1;
import io.argus.kafka.KafkaSettings;
import io.argus.kafka.OrphanTransactions;
import io.argus.scorer.alert.ExplanationPool;
import io.argus.scorer.http.ScoringHttpServer;
import io.argus.scorer.metrics.ScorerMetrics;
import io.argus.scorer.model.ModelHolder;
import io.argus.scorer.model.ModelLoader;
import io.argus.scorer.model.ModelReleaseFollower;
import io.argus.scorer.model.ServingModel;
import io.argus.scorer.rules.RuleCompiler;
import io.argus.scorer.rules.RuleFollower;
import io.argus.scorer.rules.RuleHolder;
import io.argus.scorer.rules.RuleMetrics;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running scorer: the scoring topology on Kafka Streams, the model holder fed by a {@link ModelReleaseFollower},
 * the rules in force fed by a {@link RuleFollower}, and the HTTP endpoints, with one Prometheus registry (scorer,
 * rules, JVM, garbage collection and Kafka Streams meters).
 *
 * <p>Until the first champion is adopted and the rules topic has been read to its end the scoring stream is paused:
 * feature vectors wait in Kafka, where nothing is lost, rather than being scored by a fallback nobody trained or
 * validated, or without the rules in force; the consumer lag shows the wait, {@code /health} answers 503 and
 * {@code POST /score} 503. The stream is started paused at once, so its threads join the group and take their
 * partitions while the scorer waits; scoring starts the moment both are there, without a group join first (the
 * stores are restored on resuming: Kafka Streams does not restore a paused task).
 */
public final class Scorer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Scorer.class);

  private final PrometheusMeterRegistry registry;
  private final ScorerMetrics metrics;
  private final KafkaProducer<String, byte[]> producer;
  private final ModelHolder holder;
  private final ScoringHttpServer http;
  private final ExplanationPool explanations;
  private final KafkaStreams streams;
  private final Properties streamsConfig;
  private final OrphanTransactions orphans;
  private final ModelReleaseFollower follower;
  private final RuleHolder rules;
  private final RuleFollower ruleFollower;
  private boolean closed;

  private Scorer(KafkaSettings kafka, Properties flags, ScorerConfig config, ModelLoader loader, Clock clock) {
    String bootstrap = kafka.bootstrap();
    Properties settings = kafka.clientProperties();
    settings.putAll(flags);
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmGcMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    metrics = new ScorerMetrics(registry);
    producer = new KafkaProducer<>(producerConfig(settings, bootstrap), new StringSerializer(),
        new ByteArraySerializer());
    holder = new ModelHolder(loader, FraudV1.FEATURE_SET, config.explainer(),
        alert -> send(Topics.ALERTS, alert.getAlertId(), alert), metrics, clock);
    RuleCompiler ruleCompiler = new RuleCompiler(FraudV1.FEATURE_SET);
    RuleMetrics ruleMetrics = new RuleMetrics(registry);
    rules = new RuleHolder(ruleCompiler.variables(), ruleMetrics);
    ruleMetrics.watch(rules);
    http = ScoringHttpServer.start(config.httpPort(), config.httpThreads(), holder, rules, FraudV1.FEATURE_SET,
        config.thresholds(), config.explainer().topContributions(), metrics, registry::scrape);
    explanations = ExplanationPool.start(config.explainThreads(), config.explainQueue());
    streamsConfig = ScoringTopology.config(settings, bootstrap);
    streams = new KafkaStreams(ScoringTopology.build(holder, rules, config, metrics, clock, explanations),
        streamsConfig);
    orphans = OrphanTransactions.watch(kafka, streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    FunctionCounter.builder("argus.scorer.orphan.transactions.aborted", orphans, OrphanTransactions::aborted)
        .description("Transactions a dead instance left open, aborted once it left the group").register(registry);
    streams.setUncaughtExceptionHandler(exception -> {
      LOG.error("A stream thread failed; replacing it (what it read since its last commit is scored again)", exception);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    new KafkaStreamsMetrics(streams).bindTo(registry);
    follower = ModelReleaseFollower.start(new KafkaConsumer<>(followerConsumerConfig(settings, bootstrap,
            "argus-scorer-model-releases"),
            new StringDeserializer(), new ByteArrayDeserializer()), holder,
        rejected -> send(Topics.TRANSACTIONS_DLQ, Topics.MODEL_RELEASES.name(), rejected), clock);
    ruleFollower = RuleFollower.start(new KafkaConsumer<>(followerConsumerConfig(settings, bootstrap,
            "argus-scorer-rules"), new StringDeserializer(), new ByteArrayDeserializer()), rules, ruleCompiler,
        ruleMetrics, alert -> send(Topics.ALERTS, alert.getAlertId(), alert),
        rejected -> send(Topics.TRANSACTIONS_DLQ, Topics.RULES.name(), rejected), clock);
    streams.pause();
    streams.start();
    holder.firstModel().thenCombine(rules.loaded(), (model, loaded) -> model).thenRun(this::startScoring);
  }

  /**
   * Starts the scorer against the cluster at {@code bootstrap}; {@code settings} are Kafka client and Streams
   * properties (security, application id, commit interval...) that override the defaults.
   */
  public static Scorer start(String bootstrap, Properties settings, ScorerConfig config, ModelLoader loader,
      Clock clock) {
    return start(KafkaSettings.of(bootstrap), settings, config, loader, clock);
  }

  /**
   * Starts the scorer against the cluster of {@code kafka}, whose client properties (security, SASL, TLS; config
   * provider references resolved by each client) apply to the Streams application, the release follower and the
   * model-events producer; {@code settings} (application id, state directory, commit interval...) override them.
   */
  public static Scorer start(KafkaSettings kafka, Properties settings, ScorerConfig config, ModelLoader loader,
      Clock clock) {
    return new Scorer(kafka, settings, config, loader, clock);
  }

  public ModelHolder holder() {
    return holder;
  }

  /** The rules in force. */
  public RuleHolder rules() {
    return rules;
  }

  public int httpPort() {
    return http.port();
  }

  /** The scoring stream's Kafka Streams configuration, as it runs (a copy). */
  public Properties streamsConfig() {
    Properties copy = new Properties();
    copy.putAll(streamsConfig);
    return copy;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public ScorerMetrics metrics() {
    return metrics;
  }

  /**
   * Whether the scorer as a role is ready: a model served, the rules read, and the scoring stream {@code RUNNING} (the
   * HTTP port's {@code /health} says only whether {@code POST /score} can answer, that is whether a model is served).
   */
  public Health health() {
    ServingModel serving = holder.current();
    if (serving == null) {
      return Health.notUp("WAITING_FOR_MODEL", "no champion adopted from " + Topics.MODEL_RELEASES.name()
          + " yet; feature vectors wait in Kafka");
    }
    if (streams.isPaused()) {
      return Health.notUp("WAITING_FOR_RULES", "the rules topic is not read to its end yet; feature vectors wait in "
          + "Kafka");
    }
    KafkaStreams.State state = streams.state();
    Map<String, String> details = new LinkedHashMap<>();
    if (state != KafkaStreams.State.RUNNING) {
      details.put("reason", "the scoring stream is " + state);
    }
    details.put("model", serving.name());
    details.put("version", serving.version());
    details.put("streams", state.name());
    return state == KafkaStreams.State.RUNNING ? Health.up(details) : new Health(state.name(), details);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    http.close();
    follower.close();
    ruleFollower.close();
    streams.close(Duration.ofSeconds(30));
    orphans.close();
    explanations.close();
    producer.close(Duration.ofSeconds(10));
    registry.close();
    LOG.info("Scorer stopped");
  }

  private synchronized void startScoring() {
    if (!closed) {
      streams.resume();
      LOG.info("Scoring {} with {} and {} rule(s)", Topics.FEATURES.name(), holder.current(), rules.current().size());
    }
  }

  private <V> void send(Topic<String, V> topic, String key, V value) {
    producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(),
        value)), (metadata, exception) -> {
          if (exception != null) {
            LOG.error("Could not write to {}: {}", topic.name(), exception.getMessage());
          }
        });
  }

  private static Properties producerConfig(Properties settings, String bootstrap) {
    Properties config = clientSettings(settings, ProducerConfig.configNames());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "argus-scorer-model-events");
    return config;
  }

  /** A consumer without a group for a follower of a compacted topic (model releases, rules). */
  private static Properties followerConsumerConfig(Properties settings, String bootstrap, String clientId) {
    Properties config = clientSettings(settings, ConsumerConfig.configNames());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return config;
  }

  /**
   * The entries of {@code settings} a Kafka client knows (security and the like) and its config providers, without
   * Streams-only keys.
   */
  private static Properties clientSettings(Properties settings, Set<String> known) {
    Properties config = new Properties();
    settings.keySet().stream().map(String::valueOf)
        .filter(name -> known.contains(name) || name.startsWith(AbstractConfig.CONFIG_PROVIDERS_CONFIG))
        .forEach(name -> config.put(name, settings.get(name)));
    return config;
  }
}
