package io.argus.pipeline.bench;

import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import io.argus.common.SteadyRate;
import io.argus.ingestion.simulate.Simulator;
import io.argus.ingestion.simulate.SimulatorConfig;
import io.argus.ingestion.validation.TransactionJson;
import io.argus.kafka.KafkaClients;
import io.argus.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's producer of raw JSON on {@code transactions-raw}, as an external client writes it: transactions of
 * the simulator's population (cards, customers, terminals, amounts, channels, places and fraud scenarios, drawn once
 * into a pool and used in turn) with ids of this run and, as on a live system, the event time of the moment each is
 * sent. A plain Kafka producer, acknowledged by all replicas, lingering like the pipeline's own producers
 * ({@link KafkaClients#scoringPathLinger}); a record's latency counts from its {@code send}, the linger included.
 * The latency phase is open loop: record n is sent at {@code n / tps} seconds whatever the pipeline does.
 */
final class RawLoad implements AutoCloseable {

  private static final int POOL = 20_000;

  private final List<TransactionJson> pool;
  private final KafkaProducer<String, byte[]> producer;
  private final String runId;
  private final AtomicReference<Exception> refused = new AtomicReference<>();

  RawLoad(String bootstrap, Properties clientSettings, String runId, int customers, long seed) {
    this.runId = runId;
    this.pool = pool(customers, seed);
    Properties config = new Properties();
    config.putAll(clientSettings);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, KafkaClients.scoringPathLinger(config));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "argus-bench-raw-producer");
    producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private static List<TransactionJson> pool(int customers, long seed) {
    Simulator simulator = Simulator.create(SimulatorConfig.DEFAULTS.withSeed(seed)
        .withPopulation(customers, 2 * customers).withMaxTransactions(POOL));
    List<TransactionJson> pool = new ArrayList<>(POOL);
    while (simulator.hasNext()) {
      pool.add(simulator.next().json());
    }
    if (pool.isEmpty()) {
      throw new IllegalStateException("the simulator generated no transactions for " + customers + " customers");
    }
    return pool;
  }

  /** Writes the transactions of {@code phase} as fast as the producer takes them, then flushes. */
  void write(BenchPhase phase, Observations seen, String label, ProgressListener progress) {
    try (Progress bar = progress.start(label, seen.size, "records")) {
      for (int n = 0; n < seen.size; n++) {
        send(phase, n, seen);
        bar.step(1);
      }
      producer.flush();
    }
    failIfRefused();
  }

  /**
   * Sends the transactions of {@code phase} open loop at {@code tps}, the first at once.
   *
   * @return the rate achieved, per second
   */
  double offer(BenchPhase phase, Observations seen, int tps, ProgressListener progress) {
    SteadyRate rate = new SteadyRate(tps);
    try (Progress bar = progress.start("offering " + tps + " transactions/s", seen.size, "records")) {
      for (int n = 0; n < seen.size; n++) {
        rate.awaitDue(n);
        send(phase, n, seen);
        bar.step(1);
      }
    }
    double seconds = (System.nanoTime() - rate.startNanos()) / 1e9;
    producer.flush();
    failIfRefused();
    return seen.size / Math.max(seconds, 1e-9);
  }

  private void send(BenchPhase phase, int number, Observations seen) {
    String id = phase.id(runId, number);
    TransactionJson json = pool.get(number % pool.size());
    long micros = Observations.nowMicros();
    json.node().put(TransactionJson.TRANSACTION_ID, id).put(TransactionJson.EVENT_TIME, micros / 1_000);
    byte[] value = json.bytes();
    seen.sent(number, Observations.nowMicros());
    producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_RAW.name(), id, value), (metadata, exception) -> {
      if (exception != null) {
        refused.compareAndSet(null, exception);
      }
    });
  }

  private void failIfRefused() {
    if (refused.get() != null) {
      throw new IllegalStateException("Kafka refused benchmark records: " + refused.get().getMessage(), refused.get());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
