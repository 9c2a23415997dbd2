package io.argus.pipeline.dashboard;

import io.argus.avro.CaseDecision;
import io.argus.avro.FraudLabel;
import io.argus.avro.RiskRule;
import io.argus.kafka.KafkaSettings;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The dashboard's writes through one transactional producer (a transactional id of its own per dashboard instance, {@link Dashboard#TRANSACTIONAL_ID_PREFIX} and a random id):
 * a verdict's label (key: the card token, as the simulator writes labels) and audit record (key: the alert id) commit
 * in one transaction, so the feature job and the trainer never see a label without its audit record, nor the reverse.
 * Rules are written in transactions of their own. The producer starts its transactions on the first write, so a
 * dashboard nobody decides with never registers one.
 */
final class KafkaDashboardWrites implements DashboardWrites {

  static final String AUTHOR_HEADER = "author";
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final KafkaProducer<String, byte[]> producer;
  private boolean initialised;

  KafkaDashboardWrites(KafkaSettings kafka) {
    Properties settings = kafka.clientProperties();
    settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, Dashboard.TRANSACTIONAL_ID_PREFIX + UUID.randomUUID());
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "argus-dashboard-writes");
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() - 1_000);
    this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    kafka.listener().producerCreated(producer);
  }

  @Override
  public synchronized void decide(FraudLabel label, CaseDecision decision) {
    inTransaction(() -> {
      producer.send(record(Topics.FRAUD_LABELS, label.getCardToken(), label, null));
      producer.send(record(Topics.CASE_DECISIONS, decision.getAlertId(), decision, decision.getAnalyst()));
    });
  }

  @Override
  public synchronized void publish(RiskRule rule) {
    inTransaction(() -> producer.send(record(Topics.RULES, rule.getId(), rule, rule.getAuthor())));
  }

  @Override
  public synchronized void retire(String id, String author) {
    inTransaction(() -> producer.send(record(Topics.RULES, id, null, author)));
  }

  @Override
  public synchronized void close() {
    producer.close(TIMEOUT);
  }

  private void inTransaction(Runnable writes) {
    try {
      if (!initialised) {
        producer.initTransactions();
        initialised = true;
      }
      producer.beginTransaction();
      writes.run();
      producer.commitTransaction();
    } catch (ProducerFencedException e) {
      throw new IllegalStateException("another dashboard took over this one's transactional id: restart it", e);
    } catch (KafkaException e) {
      try {
        producer.abortTransaction();
      } catch (KafkaException ignored) {
        // The abort failed too: the transaction times out on the broker, and nothing of it is ever read.
      }
      throw new IllegalStateException("could not write to Kafka: " + e.getMessage(), e);
    }
  }

  private static <V> ProducerRecord<String, byte[]> record(Topic<String, V> topic, String key, V value,
      String author) {
    byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), key, bytes);
    if (author != null) {
      record.headers().add(new RecordHeader(AUTHOR_HEADER, author.getBytes(StandardCharsets.UTF_8)));
    }
    return record;
  }
}
