package io.argus.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.kafka.KafkaClients;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker restarted on its data directory keeps its port, topics and records (read back by {@link TopicReader}). */
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
      try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(broker.bootstrap(),
          Topics.TRANSACTIONS_RAW)) {
        for (int i = 0; i < 25; i++) {
          producer.send(new ProducerRecord<>(topic, "k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8))).get();
        }
      }
    }

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dataDir)) {
      assertThat(broker.port()).isEqualTo(port);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
        Set<String> names = admin.listTopics().names().get();
        assertThat(names).containsAll(Topics.ALL.stream().map(t -> t.name()).toList());
      }
      List<String> values = TopicReader.readAll(broker.bootstrap(), Topics.TRANSACTIONS_RAW, 25,
          Duration.ofSeconds(30), Duration.ofMillis(500)).stream()
          .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
      assertThat(values).hasSize(25).contains("v0", "v24");
    }
  }
}
