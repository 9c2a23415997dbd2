package io.argus.ingestion.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.kafka.KafkaClients;
import io.argus.kafka.KafkaSettings;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ValidatorTest {

  @Test
  void shouldRunAgainstTheGivenBootstrapWhateverTheSettingsSay() {
    Properties settings = new Properties();
    settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "from-a-file:9092");

    Properties config = Validator.config(KafkaSettings.of("127.0.0.1:9092"), settings);
    Properties checkConfig = Validator.checkConfig(KafkaSettings.of("127.0.0.1:9092"), settings);

    assertThat(config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("127.0.0.1:9092");
    assertThat(checkConfig.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("127.0.0.1:9092");
    assertThat(settings.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).as("the caller's settings").isEqualTo(
        "from-a-file:9092");
  }

  @Test
  void shouldKeepTheSettingsOverTheTopologyDefaults() {
    Properties settings = new Properties();
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "argus-validator-eu");
    settings.put(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/argus/validator");

    Properties config = Validator.config(KafkaSettings.of("127.0.0.1:9092"), settings);

    assertThat(config.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("argus-validator-eu");
    assertThat(config.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/argus/validator");
    assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
  }

  @Test
  void shouldLayTheFlagsOverTheKafkaConfigFileOverTheDefaults() {
    KafkaSettings kafka = KafkaSettings.of("127.0.0.1:9092", Map.of("security.protocol", "SASL_SSL",
        "num.stream.threads", "3", StreamsConfig.STATE_DIR_CONFIG, "/from/the/file"));
    Properties flags = new Properties();
    flags.put(StreamsConfig.STATE_DIR_CONFIG, "/from/the/flag");

    Properties config = Validator.config(kafka, flags);

    assertThat(config).containsEntry("security.protocol", "SASL_SSL").containsEntry("num.stream.threads", "3")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/from/the/flag")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, ValidatorTopology.APPLICATION_ID);
  }

  @Test
  void shouldGiveBothStagesProducersTheLingerOfTheKafkaConfigFile() {
    String linger = StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG);
    KafkaSettings kafka = KafkaSettings.of("127.0.0.1:9092", Map.of(ProducerConfig.LINGER_MS_CONFIG, "3"));

    assertThat(Validator.config(kafka, new Properties())).containsEntry(linger, "3");
    assertThat(Validator.checkConfig(kafka, new Properties())).containsEntry(linger, "3");
    assertThat(Validator.config(KafkaSettings.of("127.0.0.1:9092"), new Properties())).containsEntry(linger,
        KafkaClients.SCORING_PATH_LINGER_MS);
  }

  @Test
  void shouldNeverHoldATaskOfEitherStageForItsOtherPartitions() {
    KafkaSettings kafka = KafkaSettings.of("127.0.0.1:9092");

    assertThat(Validator.config(kafka, new Properties())).containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    assertThat(Validator.checkConfig(kafka, new Properties()))
        .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    Properties given = new Properties();
    given.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0");
    assertThat(Validator.config(kafka, given)).as("a given value wins")
        .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0");
  }

  @Test
  void shouldRunTheFirstStageUnderItsOwnApplicationIdAtLeastOnce() {
    Properties settings = new Properties();
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "argus-validator-eu");
    settings.put(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/argus/validator");
    settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

    Properties config = Validator.checkConfig(KafkaSettings.of("127.0.0.1:9092"), settings);

    assertThat(config.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("argus-validator-eu-check");
    assertThat(config.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/argus/validator");
    assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
  }

  @Test
  void shouldApplyPrefixedSettingsToTheFirstStageOnly() {
    Properties settings = new Properties();
    settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "20");
    settings.put(Validator.CHECK_STAGE_PREFIX + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "5000");

    Properties first = Validator.checkConfig(KafkaSettings.of("127.0.0.1:9092"), settings);
    Properties second = Validator.config(KafkaSettings.of("127.0.0.1:9092"), settings);

    assertThat(first.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("5000");
    assertThat(second.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("20");
    assertThat(first).doesNotContainKey(Validator.CHECK_STAGE_PREFIX + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    assertThat(second).doesNotContainKey(Validator.CHECK_STAGE_PREFIX + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
  }
}
