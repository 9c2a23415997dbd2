package io.argus.pipeline.cli;

import io.argus.pipeline.rules.RuleTopic;
import io.argus.pipeline.security.Roles;

/**
 * The rules topic for the rules subcommands: reached with their {@link KafkaOptions} ({@code --bootstrap},
 * {@code --kafka-config}) as the {@code rules} role, whose access is checked first.
 */
final class RuleTopicOptions {

  private RuleTopicOptions() {
  }

  static RuleTopic open(KafkaOptions kafka) {
    try {
      return new RuleTopic(kafka.connect(Roles.rules(), false).clientProperties());
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new UserException("cannot reach Kafka at --bootstrap " + kafka.settings().bootstrap() + ": "
          + e.getMessage());
    }
  }
}
