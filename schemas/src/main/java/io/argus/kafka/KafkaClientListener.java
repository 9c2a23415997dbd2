package io.argus.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Told about every typed client {@link KafkaClients} builds from one {@link KafkaSettings}, so that a role can watch
 * the clients that library code creates deep inside it (the command line binds each one's metrics to the role's
 * {@code /metrics}), the way a client factory's listener does. Called on the thread that builds the client.
 */
public interface KafkaClientListener {

  /** A listener that does nothing. */
  KafkaClientListener NONE = new KafkaClientListener() {
  };

  default void producerCreated(Producer<?, ?> producer) {
  }

  default void consumerCreated(Consumer<?, ?> consumer) {
  }
}
