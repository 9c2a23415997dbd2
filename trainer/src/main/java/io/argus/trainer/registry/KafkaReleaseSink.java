package io.argus.trainer.registry;

import io.argus.avro.Alert;
import io.argus.avro.ModelRelease;
import io.argus.kafka.KafkaClients;
import io.argus.kafka.KafkaSettings;
import io.argus.schemas.Topics;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes releases to {@code model-releases} (key: the model name) and decisions to {@code alerts} (key: the
 * alert id), waiting for each acknowledgement so a release is never reported that Kafka did not take.
 */
public final class KafkaReleaseSink implements ReleaseSink {

  private final KafkaProducer<String, ModelRelease> releases;
  private final KafkaProducer<String, Alert> alerts;

  public KafkaReleaseSink(String bootstrap) {
    this(KafkaSettings.of(bootstrap));
  }

  /** Publishes to the cluster of {@code kafka}, as its principal (it needs to write model-releases and alerts). */
  public KafkaReleaseSink(KafkaSettings kafka) {
    this.releases = KafkaClients.producer(kafka, Topics.MODEL_RELEASES);
    this.alerts = KafkaClients.producer(kafka, Topics.ALERTS);
  }

  @Override
  public void release(ModelRelease release) {
    send(releases, new ProducerRecord<>(Topics.MODEL_RELEASES.name(), release.getName(), release));
  }

  @Override
  public void alert(Alert alert) {
    send(alerts, new ProducerRecord<>(Topics.ALERTS.name(), alert.getAlertId(), alert));
  }

  private static <V> void send(KafkaProducer<String, V> producer, ProducerRecord<String, V> record) {
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing to " + record.topic(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not publish to " + record.topic() + ": " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  @Override
  public void close() {
    releases.close();
    alerts.close();
  }
}
