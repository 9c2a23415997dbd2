package io.argus.pipeline.cli;

import io.argus.kafka.KafkaSettings;
import io.argus.schemas.Topic;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code argus topics}: creates every topic of the catalogue that does not exist yet. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Creates every topic of the catalogue that does not exist yet (running it again changes nothing).")
public final class TopicsCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--replication", defaultValue = "1", description = "Replication factor of new topics. Default: ${DEFAULT-VALUE}.")
  short replication;

  @Override
  public Integer call() {
    KafkaSettings settings = kafka.settings();
    List<String> created;
    try {
      created = TopicAdmin.createMissing(settings, Topics.ALL, replication);
    } catch (IllegalStateException e) {
      throw new UserException("cannot create the topics on " + settings.bootstrap() + " as the principal of "
          + kafka.credentials() + ": " + e.getMessage());
    }
    for (Topic<?, ?> topic : Topics.ALL) {
      System.out.printf("%-18s partitions=%d cleanup=%s %s%n", topic.name(), topic.partitions(),
          topic.cleanupPolicy().value(), created.contains(topic.name()) ? "created" : "exists");
    }
    return 0;
  }
}
