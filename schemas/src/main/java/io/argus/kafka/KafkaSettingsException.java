package io.argus.kafka;

/**
 * Kafka client settings that cannot be used: a missing or unreadable {@code --kafka-config} file, a config provider
 * reference that does not resolve, an invalid value, no bootstrap servers. The message is one line naming the file
 * and the property, never a secret; the command line prints it as it is.
 */
public final class KafkaSettingsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public KafkaSettingsException(String message) {
    super(message);
  }
}
