package io.argus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

  private static final String ENV_PROVIDER = "config.providers=env\n"
      + "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\n";
  private static final String FILE_PROVIDER = "config.providers=file\n"
      + "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n";
  private static final String UNSET_VARIABLE = "ARGUS_TEST_VARIABLE_NOBODY_SETS";

  @TempDir
  Path directory;

  @Test
  void shouldLetTheBootstrapFlagWinOverTheFile() throws IOException {
    Path file = write("bootstrap.servers=file:9092\nsecurity.protocol=SASL_SSL\n");

    KafkaSettings settings = KafkaSettings.load("flag:9092", file);

    assertThat(settings.bootstrap()).isEqualTo("flag:9092");
    assertThat(settings.properties()).containsOnly(Map.entry("security.protocol", "SASL_SSL"));
    assertThat(settings.clientProperties()).containsEntry("bootstrap.servers", "flag:9092");
  }

  @Test
  void shouldTakeTheBootstrapServersFromTheFileWithoutAFlag() throws IOException {
    KafkaSettings settings = KafkaSettings.load(null, write("bootstrap.servers=file:9092\n"));

    assertThat(settings.bootstrap()).isEqualTo("file:9092");
  }

  @Test
  void shouldSayInOneLineThatNoBootstrapServersAreGiven() throws IOException {
    Path file = write("security.protocol=SSL\n");

    assertThatThrownBy(() -> KafkaSettings.load(null, null)).isInstanceOf(KafkaSettingsException.class)
        .hasMessage("give the Kafka cluster with --bootstrap HOST:PORT (or bootstrap.servers in --kafka-config)");
    assertThatThrownBy(() -> KafkaSettings.load(" ", file)).isInstanceOf(KafkaSettingsException.class)
        .hasMessage("give the Kafka cluster with --bootstrap HOST:PORT or bootstrap.servers in --kafka-config "
            + file);
  }

  @Test
  void shouldNameAMissingFile() {
    Path missing = directory.resolve("absent.properties");

    assertThatThrownBy(() -> KafkaSettings.load("b:9092", missing)).isInstanceOf(KafkaSettingsException.class)
        .hasMessage("--kafka-config " + missing + ": no such file");
  }

  @Test
  void shouldNameAFileThatIsNotProperties() throws IOException {
    Path file = write("sasl.mechanism=\\uZZZZ\n");

    assertThatThrownBy(() -> KafkaSettings.load("b:9092", file)).isInstanceOf(KafkaSettingsException.class)
        .hasMessageStartingWith("--kafka-config " + file + ": not a properties file (");
  }

  @Test
  void shouldRefuseAnInvalidValueNamingTheProperty() throws IOException {
    Path file = write("security.protocol=SASL_PLAIN\n");

    assertThatThrownBy(() -> KafkaSettings.load("b:9092", file)).isInstanceOf(KafkaSettingsException.class)
        .hasMessageStartingWith("--kafka-config " + file + ": Invalid value SASL_PLAIN for configuration "
            + "security.protocol")
        .hasMessageNotContaining("\n");
  }

  @Test
  void shouldRefuseAValueOnlyAProducerKnows() throws IOException {
    Path file = write("acks=some\n");

    assertThatThrownBy(() -> KafkaSettings.load("b:9092", file)).isInstanceOf(KafkaSettingsException.class)
        .hasMessageContaining("Invalid value some for configuration acks");
  }

  @Test
  void shouldCheckAnEnvironmentReferenceButLeaveItForTheClientsToResolve() throws IOException {
    Path file = write(ENV_PROVIDER + "sasl.jaas.config=x required password=\"${env:PATH}\";\n");

    KafkaSettings settings = KafkaSettings.load("b:9092", file);

    assertThat(settings.properties().get("sasl.jaas.config")).isEqualTo("x required password=\"${env:PATH}\";");
    assertThat(settings.clientProperties()).containsEntry("config.providers", "env");
  }

  @Test
  void shouldNameAnEnvironmentReferenceThatDoesNotResolveWithoutShowingTheValue() throws IOException {
    Path file = write(ENV_PROVIDER + "sasl.jaas.config=x required username=\"secret-user\" password=\"${env:"
        + UNSET_VARIABLE + "}\";\n");

    assertThatThrownBy(() -> KafkaSettings.load("b:9092", file)).isInstanceOf(KafkaSettingsException.class)
        .hasMessage("--kafka-config " + file + ": sasl.jaas.config refers to ${env:" + UNSET_VARIABLE + "}, which "
            + "does not resolve here (is the variable, file or key there?)")
        .hasMessageNotContaining("secret-user");
  }

  @Test
  void shouldNameAReferenceToAProviderThatIsNotConfigured() throws IOException {
    Path file = write("ssl.key.password=${vault:argus/kafka:key}\n");

    assertThatThrownBy(() -> KafkaSettings.load("b:9092", file)).isInstanceOf(KafkaSettingsException.class)
        .hasMessageStartingWith("--kafka-config " + file + ": ssl.key.password refers to ${vault:argus/kafka:key}, "
            + "which names no config provider of config.providers");
  }

  @Test
  void shouldResolveAReferenceToASecretsFileAndNameAMissingKey() throws IOException {
    Path secrets = Files.writeString(directory.resolve("secrets.properties"), "password=s3cret\n");
    Path good = write(FILE_PROVIDER + "ssl.key.password=${file:" + secrets + ":password}\n");
    Path missingKey = Files.writeString(directory.resolve("other.properties"),
        FILE_PROVIDER + "ssl.key.password=${file:" + secrets + ":passwd}\n");

    assertThat(KafkaSettings.load("b:9092", good).properties()).containsEntry("ssl.key.password",
        "${file:" + secrets + ":password}");
    assertThatThrownBy(() -> KafkaSettings.load("b:9092", missingKey)).isInstanceOf(KafkaSettingsException.class)
        .hasMessageContaining("ssl.key.password refers to ${file:" + secrets + ":passwd}, which does not resolve")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void shouldSayInOneLineThatAConfigProviderClassDoesNotExist() throws IOException {
    Path file = write("config.providers=env\nconfig.providers.env.class=org.example.NoSuchProvider\n"
        + "sasl.mechanism=${env:PATH}\n");

    assertThatThrownBy(() -> KafkaSettings.load("b:9092", file)).isInstanceOf(KafkaSettingsException.class)
        .hasMessage("--kafka-config " + file + ": config.providers.env.class names a class that is not here: "
            + "org.example.NoSuchProvider");
  }

  @Test
  void shouldLayTheFileOverTheDefaultsAndTheBootstrapServersOverBoth() {
    KafkaSettings settings = KafkaSettings.of("b:9092", Map.of("linger.ms", "20", "bootstrap.servers", "other:1"));

    Properties client = settings.clientProperties(Map.of("linger.ms", 5, "acks", "all"));

    assertThat(client).containsEntry("linger.ms", "20").containsEntry("acks", "all")
        .containsEntry("bootstrap.servers", "b:9092");
  }

  @Test
  void shouldDescribeTheSecurityWithoutSecrets() {
    KafkaSettings secured = KafkaSettings.of("b:9092", Map.of("security.protocol", "SASL_SSL", "sasl.mechanism",
        "SCRAM-SHA-512", "sasl.jaas.config", "... password=\"s3cret\";"));

    assertThat(secured.describe()).isEqualTo("b:9092 (SASL_SSL, SCRAM-SHA-512)");
    assertThat(secured.toString()).doesNotContain("s3cret");
    assertThat(KafkaSettings.of("b:9092").describe()).isEqualTo("b:9092");
  }

  @Test
  void shouldTellItsListenerAboutEveryTypedClient() {
    List<Object> created = new ArrayList<>();
    KafkaSettings settings = KafkaSettings.of("127.0.0.1:1").withListener(new KafkaClientListener() {
      @Override
      public void producerCreated(Producer<?, ?> producer) {
        created.add(producer);
      }

      @Override
      public void consumerCreated(Consumer<?, ?> consumer) {
        created.add(consumer);
      }
    });

    try (KafkaProducer<?, ?> producer = KafkaClients.producer(settings, Topics.ALERTS);
        KafkaConsumer<?, ?> consumer = KafkaClients.consumer(settings, null, Topics.ALERTS)) {
      assertThat(created).containsExactly(producer, consumer);
      producer.close(Duration.ZERO);
      consumer.close(Duration.ZERO);
    }
  }

  private Path write(String text) throws IOException {
    return Files.writeString(directory.resolve("kafka.properties"), text);
  }
}
