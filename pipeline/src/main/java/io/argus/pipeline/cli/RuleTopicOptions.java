package io.argus.pipeline.cli;

import io.argus.pipeline.rules.RuleTopic;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** Where the rules topic is: {@code --bootstrap} and {@code --kafka-config}, shared by the rules subcommands. */
final class RuleTopicOptions {

  @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers, for example 127.0.0.1:9092.")
  String bootstrap;

  @Option(names = "--kafka-config", paramLabel = "FILE", description = "Kafka client properties (security, SASL, "
      + "TLS...); credentials belong here, never in a flag.")
  Path kafkaConfig;

  /** The client settings: the file's, then the bootstrap servers. */
  Properties settings() {
    Properties settings = new Properties();
    if (kafkaConfig != null) {
      try (Reader reader = Files.newBufferedReader(kafkaConfig, StandardCharsets.UTF_8)) {
        settings.load(reader);
      } catch (IOException e) {
        throw new UserException("--kafka-config " + kafkaConfig + " cannot be read: " + e.getMessage());
      }
    }
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return settings;
  }

  RuleTopic open() {
    try {
      return new RuleTopic(settings());
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new UserException("cannot reach Kafka at --bootstrap " + bootstrap + ": " + e.getMessage());
    }
  }
}
