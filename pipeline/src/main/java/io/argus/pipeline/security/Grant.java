package io.argus.pipeline.security;

import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One ACL a role needs: {@code operations} on a resource — a topic, a consumer group, a transactional id or the
 * cluster — named exactly ({@link PatternType#LITERAL}) or by prefix ({@link PatternType#PREFIXED}). {@code DESCRIBE}
 * is never granted on its own: the broker implies it from {@code READ}, {@code WRITE} and {@code DELETE}.
 *
 * @param why what the role does with it, for the README's table
 */
public record Grant(ResourceType type, PatternType pattern, String name, List<AclOperation> operations, String why) {

  public Grant {
    if (pattern != PatternType.LITERAL && pattern != PatternType.PREFIXED) {
      throw new IllegalArgumentException("a grant is literal or prefixed, got " + pattern);
    }
    if (operations.isEmpty()) {
      throw new IllegalArgumentException("a grant needs at least one operation: " + name);
    }
    operations = List.copyOf(operations);
  }

  static Grant topic(String name, String why, AclOperation... operations) {
    return new Grant(ResourceType.TOPIC, PatternType.LITERAL, name, List.of(operations), why);
  }

  static Grant topicsStartingWith(String prefix, String why, AclOperation... operations) {
    return new Grant(ResourceType.TOPIC, PatternType.PREFIXED, prefix, List.of(operations), why);
  }

  static Grant group(String name, String why) {
    return new Grant(ResourceType.GROUP, PatternType.LITERAL, name, List.of(AclOperation.READ), why);
  }

  static Grant groupsStartingWith(String prefix, String why) {
    return new Grant(ResourceType.GROUP, PatternType.PREFIXED, prefix, List.of(AclOperation.READ), why);
  }

  static Grant transactionalIdsStartingWith(String prefix, String why) {
    return new Grant(ResourceType.TRANSACTIONAL_ID, PatternType.PREFIXED, prefix, List.of(AclOperation.WRITE), why);
  }

  /** The ACL bindings that allow {@code principal} (for example {@code User:argus-scorer}) this, from any host. */
  public List<AclBinding> bindings(String principal) {
    ResourcePattern resource = new ResourcePattern(type, name, pattern);
    return operations.stream().map(operation -> new AclBinding(resource,
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW))).toList();
  }

  /** {@code topic transactions-raw}, {@code group argus-dashboard-*}: how the README names the resource. */
  public String resource() {
    String kind = switch (type) {
      case TOPIC -> "topic";
      case GROUP -> "group";
      case TRANSACTIONAL_ID -> "transactional id";
      case CLUSTER -> "cluster";
      default -> type.name().toLowerCase(java.util.Locale.ROOT);
    };
    return kind + " `" + name + (pattern == PatternType.PREFIXED ? "*" : "") + "`";
  }
}
