package io.argus.pipeline.runtime;

import io.argus.avro.FraudLabel;
import io.argus.ingestion.simulate.SimulationEvent;
import io.argus.ingestion.simulate.SimulationFeed;
import io.argus.kafka.KafkaClients;
import io.argus.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's traffic: a {@link SimulationFeed} played on a thread of its own, each transaction as the public JSON to
 * {@code transactions-raw} (so the validator checks it like any producer's) and each fraud label to
 * {@code fraud-labels}. Every raw record has the same key, so all go to one partition and keep their event-time order
 * through the validator: the feature job and the forecaster see each partition of {@code transactions} in order even
 * though event time runs hundreds of times faster than the clock. It advances the {@link SimulationClock}, and
 * records how many events Kafka has acknowledged in the data directory, so a demo started again resumes the
 * simulation where it stopped.
 */
final class LiveSimulation implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveSimulation.class);
  private static final String RAW_KEY = "simulator";
  private static final Duration SAVE_EVERY = Duration.ofSeconds(10);
  private static final Duration LOG_EVERY = Duration.ofMinutes(1);

  private final SimulationFeed feed;
  private final SimulationClock clock;
  private final Path positionFile;
  private final KafkaProducer<String, byte[]> transactions;
  private final KafkaProducer<String, FraudLabel> labels;
  private final Thread thread;
  private final AtomicLong transactionsSent = new AtomicLong();
  private final AtomicLong labelsSent = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Callback acknowledged = (metadata, exception) -> {
    if (exception != null) {
      failure.compareAndSet(null, exception);
    }
  };
  private volatile boolean running = true;
  private long events;

  private LiveSimulation(SimulationFeed feed, SimulationClock clock, Path positionFile, String bootstrap) {
    this.feed = feed;
    this.clock = clock;
    this.positionFile = positionFile;
    this.transactions = KafkaClients.producer(bootstrap, Topics.TRANSACTIONS_RAW);
    this.labels = KafkaClients.producer(bootstrap, Topics.FRAUD_LABELS);
    this.thread = new Thread(this::run, "demo-simulator");
  }

  /** Skips what an earlier run on the same data directory sent, then plays the rest on a new thread. */
  static LiveSimulation start(SimulationFeed feed, SimulationClock clock, Path positionFile, String bootstrap) {
    LiveSimulation simulation = new LiveSimulation(feed, clock, positionFile, bootstrap);
    simulation.thread.start();
    return simulation;
  }

  long transactionsSent() {
    return transactionsSent.get();
  }

  long labelsSent() {
    return labelsSent.get();
  }

  /** Stops sending, waits until Kafka has acknowledged what was sent and records the position. */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    transactions.close();
    labels.close();
    LOG.info("Simulator stopped after {} transactions and {} labels (at {} in simulated time)",
        transactionsSent.get(), labelsSent.get(), clock.instant());
  }

  private void run() {
    long resumed = readPosition(positionFile);
    events = feed.skip(resumed);
    if (resumed > 0) {
      LOG.info("Simulator resumes after the {} events an earlier run sent", events);
    }
    long nextSave = System.nanoTime() + SAVE_EVERY.toNanos();
    Progress progress = new Progress();
    try {
      while (running && feed.hasNext() && failure.get() == null) {
        send(feed.next());
        long now = System.nanoTime();
        if (now >= nextSave) {
          savePosition();
          nextSave = now + SAVE_EVERY.toNanos();
        }
        progress.logIfDue(now);
      }
    } catch (RuntimeException e) {
      if (running) {
        LOG.error("Simulator stopped", e);
      }
      // otherwise interrupted while pacing or sending: stopping
    }
    Thread.interrupted();
    if (failure.get() != null) {
      LOG.error("Simulator stopped: Kafka did not take a record ({})", failure.get().getMessage());
    }
    savePosition();
  }

  private void send(SimulationEvent event) {
    if (event instanceof SimulationEvent.Sent sent) {
      clock.advanceTo(sent.simulated().time());
      transactions.send(new ProducerRecord<>(Topics.TRANSACTIONS_RAW.name(), RAW_KEY, sent.json()), acknowledged);
      transactionsSent.incrementAndGet();
    } else {
      FraudLabel label = ((SimulationEvent.Reported) event).label();
      labels.send(new ProducerRecord<>(Topics.FRAUD_LABELS.name(), label.getCardToken(), label), acknowledged);
      labelsSent.incrementAndGet();
    }
    events++;
  }

  /** Waits for every acknowledgement, then records how many events Kafka holds (none when a send failed). */
  private void savePosition() {
    transactions.flush();
    labels.flush();
    if (failure.get() == null) {
      Properties position = new Properties();
      position.setProperty("events", Long.toString(events));
      position.setProperty("event_time", clock.instant().toString());
      DemoDirectory.write(positionFile, position, "events of the simulation acknowledged by Kafka");
    }
  }

  private static long readPosition(Path file) {
    String events = DemoDirectory.read(file).map(position -> position.getProperty("events")).orElse("0");
    try {
      return Long.parseLong(events);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("cannot read the simulation's position from " + file + ": events=" + events, e);
    }
  }

  /** One log line a minute: how far the simulation has got and how fast it runs. */
  private final class Progress {
    private long lastNanos = System.nanoTime();
    private long lastTransactions;
    private Instant lastEventTime = clock.instant();

    void logIfDue(long now) {
      if (now - lastNanos < LOG_EVERY.toNanos()) {
        return;
      }
      double seconds = (now - lastNanos) / 1e9;
      Instant eventTime = clock.instant();
      double speed = Duration.between(lastEventTime, eventTime).toMillis() / 1000.0 / seconds;
      LOG.info(String.format(Locale.ROOT, "Simulator at %s: %,d transactions and %,d labels sent, %.0f a second, "
              + "event time at %.0fx the clock%s", eventTime, transactionsSent.get(), labelsSent.get(),
          (transactionsSent.get() - lastTransactions) / seconds, speed, speed < 2 ? " (live)" : ""));
      lastNanos = now;
      lastTransactions = transactionsSent.get();
      lastEventTime = eventTime;
    }
  }
}
