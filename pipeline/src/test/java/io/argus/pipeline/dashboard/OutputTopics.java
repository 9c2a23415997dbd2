package io.argus.pipeline.dashboard;

import io.argus.avro.Alert;
import io.argus.avro.Decision;
import io.argus.avro.FeatureVector;
import io.argus.avro.Forecast;
import io.argus.avro.FraudScore;
import io.argus.avro.ModelRelease;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Timings;
import io.argus.avro.Transaction;
import io.argus.kafka.KafkaClients;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes records to the output topics through the catalogue's serdes, standing in for the pipeline that does not run
 * in the dashboard's tests: one-off records, and steady live traffic of transactions and their scores.
 */
final class OutputTopics implements AutoCloseable {

  private final String bootstrap;
  private final List<KafkaProducer<String, ?>> producers = new ArrayList<>();
  private final KafkaProducer<String, Transaction> transactions;
  private final KafkaProducer<String, FraudScore> scores;
  private final KafkaProducer<String, FeatureVector> features;
  private final KafkaProducer<String, Alert> alerts;
  private final KafkaProducer<String, RejectedRecord> deadLetters;
  private final KafkaProducer<String, Forecast> forecasts;
  private final KafkaProducer<String, ModelRelease> releases;
  private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
  private final Random random = new Random(7);
  private int liveCount;

  OutputTopics(String bootstrap) {
    this.bootstrap = bootstrap;
    transactions = producer(Topics.TRANSACTIONS);
    scores = producer(Topics.FRAUD_SCORES);
    features = producer(Topics.FEATURES);
    alerts = producer(Topics.ALERTS);
    deadLetters = producer(Topics.TRANSACTIONS_DLQ);
    forecasts = producer(Topics.FORECASTS);
    releases = producer(Topics.MODEL_RELEASES);
  }

  /** A transaction whose record timestamp is its event time, so old ones do not count in live rates. */
  void transaction(Transaction transaction) {
    transactions.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), null,
        transaction.getEventTime().toEpochMilli(), transaction.getCardToken(), transaction));
  }

  void features(FeatureVector vector) {
    features.send(new ProducerRecord<>(Topics.FEATURES.name(), vector.getCardToken(), vector));
  }

  void alert(Alert alert) {
    alerts.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getAlertId(), alert));
  }

  void deadLetter(RejectedRecord rejected) {
    deadLetters.send(new ProducerRecord<>(Topics.TRANSACTIONS_DLQ.name(), rejected.getSourceTopic(), rejected));
  }

  void forecast(Forecast forecast) {
    forecasts.send(new ProducerRecord<>(Topics.FORECASTS.name(), forecast.getSeries(), forecast));
  }

  void release(ModelRelease release) {
    releases.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), release.getName(), release));
  }

  /** Sends everything written so far. */
  void flush() {
    producers.forEach(KafkaProducer::flush);
  }

  /**
   * Starts live traffic: every 100 ms, {@code perTick} transactions and their scores, mostly low, with realistic stage
   * latencies, explained (with an explanation latency) at 0.5 and above.
   */
  void startLiveTraffic(int perTick) {
    traffic.scheduleWithFixedDelay(() -> {
      for (int i = 0; i < perTick; i++) {
        String transactionId = "live-" + liveCount++;
        Instant now = Instant.now();
        transaction(Fixtures.tx(transactionId, 500 + random.nextInt(20_000), now));
        scores.send(new ProducerRecord<>(Topics.FRAUD_SCORES.name(), Fixtures.CARD, liveScore(transactionId, now)));
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
  }

  private FraudScore liveScore(String transactionId, Instant now) {
    double score = Math.pow(random.nextDouble(), 7);
    Decision decision = score >= 0.8 ? Decision.DECLINE : score >= 0.5 ? Decision.REVIEW : Decision.APPROVE;
    long queue = micros(1_500, 0.5);
    long model = micros(320, 0.25);
    long explain = score >= 0.5 ? micros(3_200, 0.3) : 0;
    long total = queue + model + explain + micros(6_000, 0.4);
    return new FraudScore(transactionId, Fixtures.CARD, now, score, decision, "lstm", "v2", null, List.of(),
        new Timings(queue, model, explain, total), now, List.of());
  }

  /** A log-normal duration around {@code median} microseconds. */
  private long micros(double median, double spread) {
    return Math.round(median * Math.exp(spread * random.nextGaussian()));
  }

  @Override
  public void close() throws InterruptedException {
    traffic.shutdownNow();
    traffic.awaitTermination(10, TimeUnit.SECONDS);
    producers.forEach(KafkaProducer::close);
  }

  private <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
    KafkaProducer<String, V> producer = KafkaClients.producer(bootstrap, topic);
    producers.add(producer);
    return producer;
  }
}
