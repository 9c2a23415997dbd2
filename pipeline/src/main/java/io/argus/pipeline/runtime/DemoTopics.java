package io.argus.pipeline.runtime;

import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The demo's topics: the catalogue's, with the broker's append time as every record's timestamp. The demo's event
 * time runs weeks behind the clock while the simulator plays its history, and the feature job writes features with
 * their event time as the record timestamp; with append time, retention and the dashboard's per-second rates follow
 * the clock, as they would on a live cluster, instead of deleting or ignoring records weeks "old" at birth.
 */
public final class DemoTopics {

  private DemoTopics() {
  }

  /** Creates the missing topics and sets every topic's timestamps to append time. */
  static void create(String bootstrap) throws InterruptedException {
    create(bootstrap, (short) 1);
  }

  /**
   * Creates the missing topics with {@code replication} and sets every topic's timestamps to append time (the drill's
   * event time runs weeks behind the clock too).
   *
   * @return the topics created
   */
  public static List<String> create(String bootstrap, short replication) throws InterruptedException {
    List<String> created = TopicAdmin.createMissing(bootstrap, Topics.ALL, replication);
    AlterConfigOp appendTime = new AlterConfigOp(new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
        "LogAppendTime"), AlterConfigOp.OpType.SET);
    Map<ConfigResource, Collection<AlterConfigOp>> changes = Topics.ALL.stream().collect(Collectors.toMap(
        topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), topic -> List.of(appendTime)));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.incrementalAlterConfigs(changes).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot set the demo topics' timestamps to append time: "
          + e.getCause().getMessage(), e.getCause());
    }
    return created;
  }
}
