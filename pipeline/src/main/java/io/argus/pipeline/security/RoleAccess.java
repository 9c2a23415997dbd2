package io.argus.pipeline.security;

import io.argus.schemas.Topic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What one role needs from a secured Kafka cluster: the minimum {@link Grant}s of its principal, and the catalogue
 * topics it reads and writes. {@code argus topics --acls} grants them; the role checks them when it starts
 * ({@link AccessCheck}), so that a missing ACL is one line at start rather than a failure later.
 *
 * @param role the role's name, the command that runs it ({@code validate}, {@code score}...)
 * @param principal the principal it is granted to by default, {@code User:argus-<role>}
 */
public record RoleAccess(String role, String principal, List<Grant> grants, List<Topic<?, ?>> topics) {

  public RoleAccess {
    grants = List.copyOf(grants);
    topics = List.copyOf(topics);
  }

  /** This role's grants for another principal. */
  public RoleAccess forPrincipal(String other) {
    return new RoleAccess(role, other, grants, topics);
  }

  /** Every ACL binding of the role's grants for its principal. */
  public List<AclBinding> bindings() {
    List<AclBinding> bindings = new ArrayList<>();
    grants.forEach(grant -> bindings.addAll(grant.bindings(principal)));
    return bindings;
  }

  /** The names of the catalogue topics the role is granted {@code operation} on. */
  public Set<String> topicsGranted(AclOperation operation) {
    Set<String> names = new LinkedHashSet<>();
    for (Grant grant : grants) {
      if (grant.type() == ResourceType.TOPIC && grant.pattern() == PatternType.LITERAL
          && grant.operations().contains(operation)) {
        names.add(grant.name());
      }
    }
    return names;
  }
}
