package io.argus.forecaster.live;

import static io.argus.forecaster.live.LiveForecasterTest.CONFIG;
import static io.argus.forecaster.live.LiveForecasterTest.at;
import static io.argus.forecaster.live.LiveForecasterTest.normalVolume;
import static io.argus.forecaster.live.LiveForecasterTest.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Forecast;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.embedded.TopicReader;
import io.argus.kafka.KafkaClients;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast service on a real broker: transactions on {@code transactions} become forecasts on
 * {@code forecasts} and, after a surge, deviation alerts on {@code alerts}; an undecodable record goes to
 * {@code transactions-dlq}.
 */
class ForecastServiceIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int NORMAL_MINUTES = 150;
  private static final int SURGE_MINUTES = 4;
  private static final int SERIES = 6;

  @TempDir
  static Path dataDir;

  private static EmbeddedKafkaBroker broker;
  private static ForecastService service;
  private static Thread serviceThread;
  private static final LiveForecasterTest.ManualClock CLOCK = new LiveForecasterTest.ManualClock();

  @BeforeAll
  static void startBrokerAndService() {
    broker = EmbeddedKafkaBroker.start(0, dataDir);
    TopicAdmin.createAll(broker.bootstrap());
    CLOCK.now = at(NORMAL_MINUTES + SURGE_MINUTES);
    service = ForecastService.kafka(broker.bootstrap(), CONFIG, CLOCK);
    serviceThread = new Thread(() -> {
      try (ForecastService running = service) {
        running.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "forecast-service");
    serviceThread.start();
  }

  @AfterAll
  static void stopServiceAndBroker() throws InterruptedException {
    service.stop();
    serviceThread.join(30_000);
    broker.close();
  }

  @Test
  void shouldPublishForecastsAndOneDeviationAlertPerSeriesAfterASurge() {
    Random random = new Random(11);
    produceMinutes(0, NORMAL_MINUTES, 1, random);
    // every series has a model and has forecast the minutes after the last closed one (the last minute stays open)
    List<ConsumerRecord<String, Forecast>> forecasts = awaitForecastsIssuedAt(at(NORMAL_MINUTES - 1));
    Forecast count = forecasts.stream().filter(record -> record.key().equals("count/all"))
        .map(ConsumerRecord::value).reduce((first, second) -> second).orElseThrow();
    assertThat(count.getPoints()).hasSize(6);
    assertThat(count.getPoints().get(0).getTime()).isEqualTo(at(NORMAL_MINUTES - 1));

    produceMinutes(NORMAL_MINUTES, NORMAL_MINUTES + SURGE_MINUTES, 4, random);

    List<ConsumerRecord<String, Alert>> alerts = TopicReader.readAll(broker.bootstrap(), Topics.ALERTS, SERIES, WAIT,
        Duration.ofSeconds(2));
    assertThat(alerts).hasSize(SERIES);
    assertThat(alerts).allSatisfy(record -> {
      assertThat(record.value().getKind()).isEqualTo(AlertKind.FORECAST_DEVIATION);
      assertThat(record.key()).isEqualTo(record.value().getAlertId());
      assertThat(record.value().getReferences()).containsEntry("since", at(NORMAL_MINUTES).toString());
    });
    assertThat(alerts).extracting(record -> record.value().getReferences().get("series"))
        .containsExactlyInAnyOrder("count/all", "amount/all", "count/channel=ONLINE", "amount/channel=ONLINE",
            "count/merchant_category=5411", "amount/merchant_category=5411");

    // and every series forecasts on from the last closed minute of the surge
    awaitForecastsIssuedAt(at(NORMAL_MINUTES + SURGE_MINUTES - 1));
  }

  @Test
  void shouldSendAnUndecodableRecordToTheDeadLetterTopic() {
    byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(broker.bootstrap(),
        Topics.TRANSACTIONS_RAW)) {
      producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), "key", garbage));
    }

    List<ConsumerRecord<String, RejectedRecord>> rejected = TopicReader.readAll(broker.bootstrap(),
        Topics.TRANSACTIONS_DLQ, 1, WAIT, Duration.ofSeconds(1));

    assertThat(rejected).hasSize(1);
    RejectedRecord record = rejected.get(0).value();
    assertThat(record.getReason()).isEqualTo(RejectReason.UNDECODABLE);
    assertThat(record.getSourceTopic()).isEqualTo(Topics.TRANSACTIONS.name());
    assertThat(StandardCharsets.UTF_8.decode(record.getOriginalBytes()).toString()).isEqualTo("not avro");
    assertThat(record.getDetail()).contains("not Avro single-object encoding");
  }

  /** Produces {@code multiplier} times the normal volume for minutes {@code [from, to)}. */
  private void produceMinutes(int from, int to, int multiplier, Random random) {
    try (KafkaProducer<String, Transaction> producer = KafkaClients.producer(broker.bootstrap(), Topics.TRANSACTIONS)) {
      for (int minute = from; minute < to; minute++) {
        int count = normalVolume(minute, random) * multiplier;
        for (int i = 0; i < count; i++) {
          Transaction transaction = tx("t-" + minute + "-" + i, at(minute).plusMillis(i * 60_000L / count));
          producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), transaction.getCardToken(), transaction));
        }
      }
    }
  }

  /** Reads {@code forecasts} until every series has one issued at {@code issueTime}; returns all read. */
  private List<ConsumerRecord<String, Forecast>> awaitForecastsIssuedAt(Instant issueTime) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<ConsumerRecord<String, Forecast>> forecasts;
    do {
      forecasts = TopicReader.readAll(broker.bootstrap(), Topics.FORECASTS, 1, WAIT, Duration.ofSeconds(1));
      long issued = forecasts.stream().filter(record -> record.value().getIssueTime().equals(issueTime))
          .map(ConsumerRecord::key).distinct().count();
      if (issued == SERIES) {
        return forecasts;
      }
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no forecast issued at " + issueTime + " for every series within " + WAIT);
  }
}
