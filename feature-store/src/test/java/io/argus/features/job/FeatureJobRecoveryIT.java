package io.argus.features.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudLabel;
import io.argus.avro.RejectedRecord;
import io.argus.avro.ServingSkew;
import io.argus.avro.Transaction;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.features.FraudV1;
import io.argus.features.SyntheticHistory;
import io.argus.features.compute.ReferenceFeatures;
import io.argus.features.offline.OfflineStore;
import io.argus.kafka.KafkaClients;
import io.argus.schemas.Topic;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job on a MiniCluster against the embedded broker, with one task failure in the middle of the stream and
 * {@code transactions} written at least once (a copy of every fifth transaction, a few records after its first, as a
 * validator writes them after its crash): the store holds every transaction exactly once, with the values the
 * reference path computes from the history without copies, every transaction reaches {@code features} (at least
 * once: a transaction replayed after the restore is served again, with the values of its new arrival), and the skew
 * reported is between the stored vectors and vectors that were served. At parallelism 1 the customer stage runs in the
 * terminal stage's task ({@code FeatureJobGraphTest}), at 2 in tasks of its own: each shape fails and restores. Each
 * run has a broker of its own, so it reads only its own records.
 */
class FeatureJobRecoveryIT {

  private static final int FAIL_AFTER_RECORDS = 200;
  private static final AtomicBoolean FAILED = new AtomicBoolean();
  private static final AtomicInteger DECODED = new AtomicInteger();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  Path directory;

  private EmbeddedKafkaBroker broker;

  @BeforeEach
  void startBroker() {
    FAILED.set(false);
    DECODED.set(0);
    broker = EmbeddedKafkaBroker.start(0, directory.resolve("kafka"));
    TopicAdmin.createAll(broker.bootstrap());
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  /** Decodes like the job does, but throws once, after some records, to fail the task mid-stream. */
  private static final class FailingOnce
      implements KafkaRecordDeserializationSchema<Either<RejectedRecord, Transaction>> {
    private final FeatureKafka.Decoding<Transaction> decoding = new FeatureKafka.Decoding<>(Transaction.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<RejectedRecord, Transaction>> out)
        throws IOException {
      if (DECODED.incrementAndGet() > FAIL_AFTER_RECORDS && FAILED.compareAndSet(false, true)) {
        throw new IOException("failing once on purpose after " + FAIL_AFTER_RECORDS + " records");
      }
      decoding.deserialize(record, out);
    }

    @Override
    public TypeInformation<Either<RejectedRecord, Transaction>> getProducedType() {
      return decoding.getProducedType();
    }
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 2})
  void shouldRestoreFromItsCheckpointAndStoreEveryTransactionExactlyOnce(int parallelism) throws Exception {
    SyntheticHistory history = SyntheticHistory.generate(11, 15, 10, 20);
    String bootstrap = broker.bootstrap();
    try (KafkaProducer<String, Transaction> transactions = KafkaClients.producer(bootstrap, Topics.TRANSACTIONS);
        KafkaProducer<String, FraudLabel> labels = KafkaClients.producer(bootstrap, Topics.FRAUD_LABELS)) {
      List<Transaction> sent = history.transactions();
      for (int i = 0; i < sent.size(); i++) {
        transactions.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), sent.get(i).getCardToken(), sent.get(i)));
        if (i % 5 == 4) {
          Transaction copy = sent.get(i - 3);
          transactions.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), copy.getCardToken(), copy));
        }
      }
      history.labels().forEach(label -> labels.send(new ProducerRecord<>(
          Topics.FRAUD_LABELS.name(), label.getCardToken(), label)));
    }
    Path offline = directory.resolve("offline");
    FeatureJobConfig config = FeatureJobConfig.from(Map.of("out-of-orderness", "1s", "allowed-lateness", "400d",
        "idle-timeout", "30s", "checkpoint-interval", "300ms", "parallelism", Integer.toString(parallelism),
        "checkpoint-dir", directory.resolve("checkpoints").toUri().toString()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        FeatureJob.config(new Configuration(), config));
    // The live wiring, but the transactions come through a deserializer that fails once.
    FeatureKafka.Wiring kafka = FeatureKafka.wiring(bootstrap, "recovery-it", offline.toUri().toString());
    FeatureJob.build(env,
        new FeatureJob.Sources(
            FeatureKafka.source(bootstrap, "recovery-it", Topics.TRANSACTIONS, new FailingOnce()),
            kafka.sources().transactionsName(), kafka.sources().labels(), kafka.sources().labelsName()),
        kafka.sinks(), config);
    StreamGraph graph = env.getStreamGraph();
    String customerTask = FeatureJobGraphTest.customerTask(graph);
    assertThat(customerTask.startsWith("terminal features -> ")).as("chained to the terminal stage: %s", customerTask)
        .isEqualTo(parallelism == 1);
    JobClient job = env.executeAsync(graph);

    int expected = history.transactions().size();
    List<ConsumerRecord<String, FeatureVector>> online;
    List<FeatureVector> stored;
    try (BackgroundReader<FeatureVector> features = BackgroundReader.start(bootstrap, Topics.FEATURES)) {
      stored = awaitStored(offline, expected, Duration.ofSeconds(120));
      // A transaction is served before its exact vector is stored, and the features sink flushes on the checkpoint
      // that commits the store: once everything is stored, everything was served.
      online = features.awaitQuiet(Duration.ofSeconds(2));
    }
    job.cancel().get();

    assertThat(FAILED).as("the task failed once").isTrue();
    assertThat(stored).extracting(vector -> vector.getTransactionId().toString()).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(history.transactions().stream()
            .map(transaction -> transaction.getTransactionId().toString()).toList());
    Map<String, FeatureVector> reference = new HashMap<>();
    ReferenceFeatures.compute(history.transactions(), history.labels())
        .forEach(vector -> reference.put(vector.getTransactionId(), vector));
    for (FeatureVector vector : stored) {
      FeatureVector expectedVector = reference.get(vector.getTransactionId());
      assertThat(vector.getValues()).as("stored values of %s, its copies not counted", vector.getTransactionId())
          .isEqualTo(expectedVector.getValues());
      assertThat(vector.getSequence()).as("stored sequence of %s", vector.getTransactionId())
          .isEqualTo(expectedVector.getSequence());
    }
    Map<String, List<FeatureVector>> served = new HashMap<>();
    for (ConsumerRecord<String, FeatureVector> record : online) {
      FeatureVector vector = record.value();
      assertThat(record.key()).isEqualTo(vector.getCardToken());
      served.computeIfAbsent(vector.getTransactionId(), id -> new ArrayList<>()).add(vector);
    }
    assertThat(served).hasSize(expected);
    Map<String, FeatureVector> exact = new HashMap<>();
    stored.forEach(vector -> exact.put(vector.getTransactionId(), vector));
    List<ServingSkew> skew = new ArrayList<>();
    OfflineStore.at(offline).skew(LocalDate.MIN, LocalDate.MAX, skew::add);
    for (ServingSkew record : skew) {
      String id = record.getTransactionId();
      assertThat(record.getExactValues()).as("exact values of %s", id)
          .isEqualTo(values(exact.get(id), record.getFeatures()));
      assertThat(served.get(id)).as("a vector served for %s with the values its skew record names", id)
          .anySatisfy(vector -> assertThat(values(vector, record.getFeatures())).isEqualTo(record.getServedValues()));
    }
  }

  /** The values of the named features: static ones by name, sequence steps as NAME_k (k steps back). */
  private static List<Double> values(FeatureVector vector, List<String> names) {
    List<String> staticNames = FraudV1.FEATURE_SET.staticNames();
    List<String> stepNames = FraudV1.FEATURE_SET.sequenceStepNames();
    List<Double> values = new ArrayList<>();
    for (String name : names) {
      if (staticNames.contains(name)) {
        values.add(vector.getValues().get(staticNames.indexOf(name)));
      } else {
        int separator = name.lastIndexOf('_');
        int stepsBack = Integer.parseInt(name.substring(separator + 1));
        values.add(vector.getSequence().get(FraudV1.SEQUENCE_LENGTH - 1 - stepsBack)
            .get(stepNames.indexOf(name.substring(0, separator))));
      }
    }
    return values;
  }

  /**
   * Reads a topic from its beginning on a thread of its own, from the moment the job starts (the broker deletes the
   * job's records early: they carry event times of 2018, far beyond the topic's retention).
   */
  private static final class BackgroundReader<V> implements AutoCloseable {
    private final List<ConsumerRecord<String, V>> records = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    private BackgroundReader(String bootstrap, Topic<String, V> topic) {
      thread = new Thread(() -> {
        try (KafkaConsumer<String, V> consumer = KafkaClients.consumer(bootstrap, null, topic)) {
          consumer.subscribe(List.of(topic.name()));
          while (!stop.get()) {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
          }
        }
      }, "reader-" + topic.name());
    }

    static <V> BackgroundReader<V> start(String bootstrap, Topic<String, V> topic) {
      BackgroundReader<V> reader = new BackgroundReader<>(bootstrap, topic);
      reader.thread.start();
      return reader;
    }

    /** What was read, once nothing new came for {@code quiet}. */
    List<ConsumerRecord<String, V>> awaitQuiet(Duration quiet) throws InterruptedException {
      int seen = -1;
      while (seen != records.size()) {
        seen = records.size();
        Thread.sleep(quiet.toMillis());
      }
      return List.copyOf(records);
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      thread.join();
    }
  }

  private static List<FeatureVector> awaitStored(Path offline, int expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<FeatureVector> stored = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      stored = new ArrayList<>();
      if (Files.isDirectory(offline.resolve("features"))) {
        OfflineStore.at(offline).features(LocalDate.MIN, LocalDate.MAX, stored::add);
      }
      if (stored.size() >= expected) {
        return stored;
      }
      Thread.sleep(500);
    }
    return stored;
  }
}
