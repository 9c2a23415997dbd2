package io.argus.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  @TempDir
  Path dataDir;

  @Test
  void shouldKeepTopicsAndRecordsAcrossRestart() throws Exception {
    String topic = Topics.TRANSACTIONS_RAW.name();
    int port;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dataDir)) {
      port = broker.port();
      assertThat(TopicAdmin.createAll(broker.bootstrap())).hasSize(Topics.ALL.size());
      assertThat(TopicAdmin.createAll(broker.bootstrap())).isEmpty();
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()), new StringSerializer(),
          new StringSerializer())) {
        for (int i = 0; i < 25; i++) {
          producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
        }
      }
    }

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dataDir)) {
      assertThat(broker.port()).isEqualTo(port);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
        Set<String> names = admin.listTopics().names().get();
        assertThat(names).containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
      }
      assertThat(readAll(broker.bootstrap(), topic, 25)).hasSize(25).contains("v0", "v24");
    }
  }

  private static List<String> readAll(String bootstrap, String topic, int expected) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-check");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
        new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
