package io.argus.pipeline.drill;

import io.argus.avro.FraudLabel;
import io.argus.ingestion.simulate.Pacer;
import io.argus.ingestion.simulate.SimulatedTransaction;
import io.argus.ingestion.simulate.SimulationEvent;
import io.argus.ingestion.simulate.SimulationFeed;
import io.argus.ingestion.simulate.Simulator;
import io.argus.ingestion.simulate.SimulatorConfig;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.validation.TransactionJson;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.schemas.Topics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The drill's traffic: the simulator's population (5,000 cards, 10,000 terminals, its fraud scenarios) played at a
 * steady rate of raw JSON on {@code transactions-raw}, keyed by customer, with each transaction's fraud label on
 * {@code fraud-labels} seven simulated days later, as the demo plays it: event time runs faster than the clock (a
 * simulated day in {@code 10,000 / tps} seconds), so every card's history, velocity and label delay look as they do
 * in a real population, and the scorer's model sees the traffic it was trained for. The simulation starts
 * {@value #HISTORY_DAYS} days ago and never reaches the present. One record in {@value #INVALID_EVERY} has a negative
 * amount (dead-lettered as {@code NEGATIVE_AMOUNT}) and one in {@value #DUPLICATE_EVERY} is a second copy of the
 * previous transaction (dead-lettered as {@code DUPLICATE}), so both outcomes of the validator are exercised. The
 * producers are idempotent with {@code acks=all}: a broker's death neither loses nor doubles a record. Every
 * acknowledged raw record is remembered with its partition and offset, and every transaction id with the moment it
 * was first sent.
 */
final class RawTraffic implements AutoCloseable {

  static final int INVALID_EVERY = 200;
  static final int DUPLICATE_EVERY = 250;
  static final int HISTORY_DAYS = 60;
  /** About this many transactions a simulated day (the handbook's two a customer). */
  static final int TRANSACTIONS_PER_DAY = 10_000;
  private static final int CUSTOMERS = 5_000;
  private static final int TERMINALS = 10_000;
  private static final Duration LABEL_DELAY = Duration.ofDays(7);

  /** One raw record Kafka acknowledged: where it is, the transaction id it carries, and when it was sent. */
  record Sent(int partition, long offset, String transactionId, boolean valid, long sentNanos) {
  }

  private final KafkaProducer<String, byte[]> producer;
  private final KafkaProducer<String, FraudLabel> labels;
  private final SimulationFeed feed;
  private final Thread thread;
  private final List<Sent> acknowledged = new ArrayList<>();
  private final Map<String, Long> firstSent = new ConcurrentHashMap<>();
  private final AtomicLong sends = new AtomicLong();
  private final AtomicLong labelsSent = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private volatile boolean running = true;

  private RawTraffic(String bootstrap, double transactionsPerSecond, Path tokenKeyFile, long seed) {
    this.producer = new KafkaProducer<>(producerSettings(bootstrap, "argus-drill-traffic"), new StringSerializer(),
        new ByteArraySerializer());
    this.labels = new KafkaProducer<>(producerSettings(bootstrap, "argus-drill-labels"), new StringSerializer(),
        Topics.FRAUD_LABELS.valueSerde().serializer());
    Instant start = LocalDate.now(ZoneOffset.UTC).minusDays(HISTORY_DAYS).atStartOfDay(ZoneOffset.UTC).toInstant();
    SimulatorConfig simulation = SimulatorConfig.DEFAULTS.withSeed(seed).withPopulation(CUSTOMERS, TERMINALS)
        .withStart(start).withDays(HISTORY_DAYS - 1).withIdPrefix("drill-");
    TransactionValidator validator = new TransactionValidator(CardTokenizer.fromKeyFile(tokenKeyFile),
        ValidationLimits.DEFAULTS, Clock.systemUTC());
    this.feed = new SimulationFeed(Simulator.create(simulation), validator, LABEL_DELAY,
        Pacer.of(transactionsPerSecond, false));
    this.thread = new Thread(this::run, "drill-traffic");
  }

  /** Starts sending on a thread of its own, until {@link #close()}. */
  static RawTraffic start(String bootstrap, double transactionsPerSecond, Path tokenKeyFile, long seed) {
    RawTraffic traffic = new RawTraffic(bootstrap, transactionsPerSecond, tokenKeyFile, seed);
    traffic.thread.start();
    return traffic;
  }

  /** How much event time passes in a second of traffic at {@code transactionsPerSecond}. */
  static Duration eventTimePerSecond(double transactionsPerSecond) {
    return Duration.ofMillis(Math.round(86_400_000.0 * transactionsPerSecond / TRANSACTIONS_PER_DAY));
  }

  private static Properties producerSettings(String bootstrap, String clientId) {
    Properties settings = new Properties();
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return settings;
  }

  private void run() {
    long count = 0;
    SimulationEvent.Sent previous = null;
    try {
      while (running && feed.hasNext()) {
        SimulationEvent event = feed.next();
        if (event instanceof SimulationEvent.Reported reported) {
          FraudLabel label = reported.label();
          labels.send(new ProducerRecord<>(Topics.FRAUD_LABELS.name(), label.getCardToken(), label), this::labelSent);
          continue;
        }
        SimulationEvent.Sent sent = (SimulationEvent.Sent) event;
        count++;
        SimulatedTransaction simulated = sent.simulated();
        if (count % INVALID_EVERY == 0) {
          send(simulated.customerId(), simulated.transactionId(), false, negativeAmount(simulated));
        } else {
          send(simulated.customerId(), simulated.transactionId(), true, sent.json());
          if (count % DUPLICATE_EVERY == 0 && previous != null) {
            send(previous.simulated().customerId(), previous.simulated().transactionId(), true, previous.json());
          }
          previous = sent;
        }
      }
    } catch (IllegalStateException e) {
      // interrupted while pacing: stopping
    }
  }

  /**
   * The transaction as its producer would send it, but with a negative amount: the validator rejects it (a zero amount
   * is a valid $0 authorization).
   */
  private static byte[] negativeAmount(SimulatedTransaction simulated) {
    return TransactionJson.of(simulated.transactionId(), simulated.time(), simulated.cardNumber(),
            simulated.customerId(), simulated.terminalId(), new BigDecimal("-1.00"), "EUR")
        .merchantCategory(simulated.merchantCategory())
        .channel(simulated.online() ? TransactionJson.ONLINE : TransactionJson.CARD_PRESENT)
        .location(simulated.latitude(), simulated.longitude()).bytes();
  }

  private void labelSent(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
    if (exception != null) {
      failures.incrementAndGet();
      firstFailure.compareAndSet(null, exception);
    } else {
      labelsSent.incrementAndGet();
    }
  }

  private void send(String key, String transactionId, boolean valid, byte[] json) {
    long sentNanos = System.nanoTime();
    firstSent.putIfAbsent(transactionId, sentNanos);
    sends.incrementAndGet();
    producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_RAW.name(), key, json), (metadata, exception) -> {
      if (exception != null) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, exception);
      } else {
        synchronized (acknowledged) {
          acknowledged.add(new Sent(metadata.partition(), metadata.offset(), transactionId, valid, sentNanos));
        }
      }
    });
  }

  /** Stops sending and waits until Kafka has acknowledged (or refused) every record sent. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.flush();
    producer.close(Duration.ofSeconds(60));
    labels.close(Duration.ofSeconds(60));
  }

  /** The records Kafka acknowledged so far. */
  List<Sent> acknowledged() {
    synchronized (acknowledged) {
      return List.copyOf(acknowledged);
    }
  }

  /** When a transaction id was first sent ({@link System#nanoTime()}), or null. */
  Long firstSent(String transactionId) {
    return firstSent.get(transactionId);
  }

  long sends() {
    return sends.get();
  }

  long labelsSent() {
    return labelsSent.get();
  }

  long failures() {
    return failures.get();
  }

  Exception firstFailure() {
    return firstFailure.get();
  }
}
