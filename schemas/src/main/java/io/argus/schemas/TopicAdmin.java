package io.argus.schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the topics of the catalogue that do not exist yet; running it twice changes nothing. */
public final class TopicAdmin {

  private TopicAdmin() {
  }

  /**
   * Creates the missing topics of {@code topics}.
   *
   * @return the names of the topics it created (empty when all existed)
   */
  public static List<String> createMissing(String bootstrap, Collection<Topic<?, ?>> topics, short replication) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(properties)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : topics) {
        if (!existing.contains(topic.name())) {
          missing.add(new NewTopic(topic.name(), topic.partitions(), replication).configs(topic.configs()));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics on " + bootstrap, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics on " + bootstrap + ": " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /** Creates every missing topic of the catalogue with replication factor 1 (single broker). */
  public static List<String> createAll(String bootstrap) {
    return createMissing(bootstrap, Topics.ALL, (short) 1);
  }

}
