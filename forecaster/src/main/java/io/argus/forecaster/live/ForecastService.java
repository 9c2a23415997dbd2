package io.argus.forecaster.live;

import io.argus.avro.Alert;
import io.argus.avro.Forecast;
import io.argus.kafka.KafkaClients;
import io.argus.kafka.KafkaSettings;
import io.argus.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link LiveForecaster} on a {@link TransactionSource} until stopped: it feeds every transaction in,
 * advances the forecaster once the source has replayed its history, and logs a summary every ten minutes.
 * {@link #kafka} wires it to the topics: {@code transactions} in, {@code forecasts} (key: series) and
 * {@code alerts} (key: alert id) out, models trained on a background thread.
 *
 * <p>Why a plain consumer rather than Kafka Streams or Flink: the forecaster needs the whole recent history of
 * every series in memory to forecast and retrain, a single global view of a few dozen series, not state
 * partitioned by key; the volume is one small update per transaction; and the history is rebuilt at start by
 * replaying the topic. A windowed aggregation in either engine would still need this stage after it.
 */
public final class ForecastService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ForecastService.class);
  private static final Duration SUMMARY_EVERY = Duration.ofMinutes(10);

  private final TransactionSource source;
  private final LiveForecaster forecaster;
  private final InstantSource clock;
  private final AutoCloseable resources;
  private volatile boolean stopped;
  private volatile boolean live;

  public ForecastService(TransactionSource source, LiveForecaster forecaster, InstantSource clock,
      AutoCloseable resources) {
    this.source = source;
    this.forecaster = forecaster;
    this.clock = clock;
    this.resources = resources;
  }

  /** The service on the Kafka cluster at {@code bootstrap}, replaying {@code config.history()} of transactions. */
  public static ForecastService kafka(String bootstrap, LiveForecastConfig config, InstantSource clock) {
    return kafka(KafkaSettings.of(bootstrap), config, clock);
  }

  /** The service on the cluster of {@code kafka}, as its principal (security and client properties of the role). */
  public static ForecastService kafka(KafkaSettings kafka, LiveForecastConfig config, InstantSource clock) {
    KafkaTransactionSource source = new KafkaTransactionSource(kafka, config.history(), clock);
    KafkaProducer<String, Forecast> forecasts = KafkaClients.producer(kafka, Topics.FORECASTS);
    KafkaProducer<String, Alert> alerts = KafkaClients.producer(kafka, Topics.ALERTS);
    ExecutorService trainer = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "forecast-trainer");
      thread.setDaemon(true);
      return thread;
    });
    LiveForecaster forecaster = new LiveForecaster(config,
        forecast -> forecasts.send(new ProducerRecord<>(Topics.FORECASTS.name(), forecast.getSeries(), forecast),
            ForecastService::logFailure),
        alert -> alerts.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getAlertId(), alert),
            ForecastService::logFailure),
        clock, trainer);
    return new ForecastService(source, forecaster, clock, () -> {
      trainer.shutdownNow();
      forecasts.close();
      alerts.close();
    });
  }

  /**
   * Reads, aggregates, forecasts and alerts until {@link #stop()}; then {@link #close()}, on the same thread,
   * releases the clients.
   */
  public void run() {
    Instant nextSummary = clock.instant().plus(SUMMARY_EVERY);
    forecaster.expectPartitions(source.partitions());
    while (!stopped) {
      source.poll().forEach(received -> forecaster.accept(received.transaction(), received.partition()));
      if (source.caughtUp()) {
        if (!live) {
          live = true;
          LOG.info("history replayed ({} transactions); forecasting live", forecaster.counters().accepted());
        }
        forecaster.advance();
      }
      if (!clock.instant().isBefore(nextSummary)) {
        nextSummary = clock.instant().plus(SUMMARY_EVERY);
        LOG.info("{}", forecaster.counters());
      }
    }
  }

  /** Whether the history has been replayed and the service forecasts live; callable from any thread. */
  public boolean live() {
    return live;
  }

  /** What the forecaster has counted so far; read from any thread without locking, so it may lag a moment. */
  public LiveForecaster.Counters counters() {
    return forecaster.counters();
  }

  /** Makes {@link #run()} return soon; callable from any thread. */
  public void stop() {
    stopped = true;
    source.wakeup();
  }

  private static void logFailure(RecordMetadata metadata, Exception exception) {
    if (exception != null) {
      LOG.error("cannot publish: {}", exception.getMessage());
    }
  }

  @Override
  public void close() throws Exception {
    source.close();
    resources.close();
    LOG.info("forecaster stopped: {}", forecaster.counters());
  }
}
