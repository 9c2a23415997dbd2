package io.argus.pipeline.cli;

import io.argus.kafka.KafkaSettings;
import io.argus.kafka.KafkaSettingsException;
import io.argus.pipeline.security.AccessCheck;
import io.argus.pipeline.security.AccessException;
import io.argus.pipeline.security.RoleAccess;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap} and {@code --kafka-config}, the same on every command that talks to Kafka (a picocli mixin):
 * where the cluster is, and the client properties (security protocol, SASL, TLS...) every producer, consumer, admin
 * client, Kafka Streams application and Flink Kafka connector of the command uses. Secrets come from the file or,
 * through Kafka's config providers, from the environment or a secrets file; never from a flag value.
 */
public final class KafkaOptions {

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers, for example 127.0.0.1:9092. Default: bootstrap.servers in "
          + "--kafka-config.")
  String bootstrap;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client properties for every client of this command: security.protocol, sasl.*, ssl.*... "
          + "Secrets through config providers (config.providers=env, then ${env:NAME}), never in a flag.")
  Path kafkaConfig;

  private KafkaSettings settings;

  /** Whether the command was told where Kafka is ({@code --bootstrap} or {@code --kafka-config}). */
  boolean given() {
    return (bootstrap != null && !bootstrap.isBlank()) || kafkaConfig != null;
  }

  /**
   * The settings, checked against the cluster for {@code access} ({@link AccessCheck}: the credentials, the role's
   * topics, created if missing when {@code createMissingTopics} and allowed, its ACLs).
   *
   * @throws UserException (one line) when any of it is wrong
   */
  KafkaSettings connect(RoleAccess access, boolean createMissingTopics) {
    KafkaSettings checked = settings();
    try {
      AccessCheck.require(checked, access, createMissingTopics, credentials());
    } catch (AccessException e) {
      throw new UserException(e.getMessage());
    }
    return checked;
  }

  /** Where the credentials come from, for messages. */
  String credentials() {
    return kafkaConfig == null ? "no --kafka-config (PLAINTEXT, no credentials)" : "--kafka-config " + kafkaConfig;
  }

  /**
   * The settings of the flags, the file read and checked once.
   *
   * @throws UserException (one line) without bootstrap servers, or when the file is missing, unreadable or holds a
   *     reference or value that does not work
   */
  KafkaSettings settings() {
    if (settings == null) {
      try {
        settings = KafkaSettings.load(bootstrap, kafkaConfig);
      } catch (KafkaSettingsException e) {
        throw new UserException(e.getMessage());
      }
    }
    return settings;
  }
}
