package io.argus.pipeline.bench;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.FeatureVector;
import io.argus.avro.FraudScore;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches the pipeline from outside, as any downstream consumer would: one read-committed consumer per topic
 * ({@code transactions}, {@code features}, {@code fraud-scores}, {@code transactions-dlq}), each on its own thread,
 * assigned every partition and positioned at the end before the run sends anything. Every record of this run is
 * noted in the {@link Observations} of its phase at the moment the poll that returned it came back; records of other
 * runs and duplicates are ignored. Dead letters of this run (their original bytes hold the run id) are counted by
 * source topic and reason.
 */
final class PipelineObserver implements AutoCloseable {

  private final String runId;
  private final Map<BenchPhase, Observations> phases;
  private final Map<String, Long> deadLetters = new ConcurrentHashMap<>();
  private final List<Reader<?>> readers = new ArrayList<>();

  PipelineObserver(String bootstrap, Properties clientSettings, String runId, Map<BenchPhase, Observations> phases) {
    this.runId = runId;
    this.phases = new EnumMap<>(phases);
    readers.add(new Reader<>(bootstrap, clientSettings, Topics.TRANSACTIONS, this::onTransaction));
    readers.add(new Reader<>(bootstrap, clientSettings, Topics.FEATURES, this::onFeatures));
    readers.add(new Reader<>(bootstrap, clientSettings, Topics.FRAUD_SCORES, this::onScore));
    readers.add(new Reader<>(bootstrap, clientSettings, Topics.TRANSACTIONS_DLQ, this::onDeadLetter));
    readers.add(new Reader<>(bootstrap, clientSettings, Topics.ALERTS, this::onAlert));
  }

  /** Starts every reader and returns once each is positioned at the end of its topic. */
  void start() throws InterruptedException {
    readers.forEach(Thread::start);
    for (Reader<?> reader : readers) {
      reader.ready.await();
      if (reader.failure != null) {
        throw new IllegalStateException("cannot read " + reader.topic.name() + ": " + reader.failure.getMessage(),
            reader.failure);
      }
    }
  }

  /** Dead letters of this run so far, by {@code source topic/reason}. */
  Map<String, Long> deadLetters() {
    return new TreeMap<>(deadLetters);
  }

  @Override
  public void close() throws InterruptedException {
    readers.forEach(Reader::finish);
    for (Reader<?> reader : readers) {
      reader.join();
    }
  }

  private void onTransaction(Transaction transaction, long micros) {
    Observations seen = phaseOf(transaction.getTransactionId());
    if (seen != null) {
      seen.validated(BenchPhase.number(runId, transaction.getTransactionId()), micros,
          transaction.getIngestTime().toEpochMilli());
    }
  }

  private void onFeatures(FeatureVector vector, long micros) {
    Observations seen = phaseOf(vector.getTransactionId());
    if (seen != null) {
      seen.featured(BenchPhase.number(runId, vector.getTransactionId()), micros, vector.getComputedAt().toEpochMilli());
    }
  }

  private void onScore(FraudScore score, long micros) {
    Observations seen = phaseOf(score.getTransactionId());
    if (seen != null) {
      seen.scored(BenchPhase.number(runId, score.getTransactionId()), micros, score.getScoredAt().toEpochMilli(),
          score.getBaseValue() != null);
    }
  }

  /** The scorer's stream explains alerted transactions off its thread: the explanation arrives on the alert. */
  private void onAlert(Alert alert, long micros) {
    String transactionId = alert.getReferences().get("transactionId");
    Observations seen = alert.getKind() == AlertKind.FRAUD && alert.getBaseValue() != null && transactionId != null
        ? phaseOf(transactionId) : null;
    if (seen != null) {
      seen.explained(BenchPhase.number(runId, transactionId));
    }
  }

  private void onDeadLetter(RejectedRecord rejected, long micros) {
    String original = StandardCharsets.ISO_8859_1.decode(rejected.getOriginalBytes().duplicate()).toString();
    int at = original.indexOf(runId + "-");
    if (at >= 0) {
      deadLetters.merge(rejected.getSourceTopic() + "/" + rejected.getReason(), 1L, Long::sum);
      BenchPhase phase = BenchPhase.of(runId, original.substring(at, Math.min(original.length(), at + runId.length()
          + 2)));
      if (phase != null) {
        phases.get(phase).deadLettered.incrementAndGet();
      }
    }
  }

  private Observations phaseOf(String transactionId) {
    BenchPhase phase = BenchPhase.of(runId, transactionId);
    return phase == null ? null : phases.get(phase);
  }

  /** One topic's consumer on its own thread. */
  private static final class Reader<V> extends Thread {

    private final Topic<String, V> topic;
    private final KafkaConsumer<String, V> consumer;
    private final BiConsumer<V, Long> onRecord;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean finished;
    private volatile RuntimeException failure;

    Reader(String bootstrap, Properties clientSettings, Topic<String, V> topic, BiConsumer<V, Long> onRecord) {
      super("bench-observer-" + topic.name());
      setDaemon(true);
      this.topic = topic;
      this.onRecord = onRecord;
      Properties config = new Properties();
      config.putAll(clientSettings);
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      config.put(ConsumerConfig.CLIENT_ID_CONFIG, "argus-bench-observer-" + topic.name());
      config.remove(ConsumerConfig.GROUP_ID_CONFIG);
      consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    void finish() {
      finished = true;
    }

    @Override
    public void run() {
      try (consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        ready.countDown();
        while (!finished) {
          ConsumerRecords<String, V> records = consumer.poll(Duration.ofMillis(100));
          long micros = Observations.nowMicros();
          for (ConsumerRecord<String, V> record : records) {
            if (record.value() != null) {
              onRecord.accept(record.value(), micros);
            }
          }
        }
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      } finally {
        ready.countDown();
      }
    }
  }
}
