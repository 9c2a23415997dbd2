package io.argus.pipeline.security;

import io.argus.kafka.KafkaSettings;
import io.argus.schemas.Topic;
import io.argus.schemas.TopicAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What a role checks before it starts: that Kafka answers and accepts its credentials, that its topics exist (or, if
 * asked and allowed, creates them), and that its principal holds the {@link RoleAccess} grants the broker can report
 * — the operations on its topics and consumer groups, and its transactional ids. Anything missing is one
 * {@link AccessException} line saying what to do, before the role has read or written anything: a role started with
 * wrong credentials or without its ACLs loses nothing and prints no stack trace (the logging configuration silences
 * the check's own Kafka client, {@code argus-<role>-access-check}, which would say the same again). Internal topics (by prefix) cannot
 * be checked before they exist; a missing grant there still stops the role, later, with the broker's error.
 */
public final class AccessCheck {

  /** How long the check waits for an answer, unless the settings' {@code default.api.timeout.ms} is longer. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String PROBE = "access-check";

  private AccessCheck() {
  }

  /**
   * Checks {@code access} as the principal of {@code kafka}.
   *
   * @param createMissingTopics whether the role's missing topics are created (allowed on an open cluster; on a
   *     secured one the administrator creates them)
   * @param credentials where the credentials came from, for the message ({@code --kafka-config FILE})
   * @throws AccessException naming what is missing and how to fix it
   */
  public static void require(KafkaSettings kafka, RoleAccess access, boolean createMissingTopics,
      String credentials) {
    Duration timeout = timeout(kafka);
    Properties properties = kafka.clientProperties();
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() * 2 / 3);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "argus-" + access.role() + "-access-check");
    try (Admin admin = create(kafka, properties)) {
      get(admin.describeCluster().nodes(), kafka, credentials);
      List<String> missing = new ArrayList<>();
      List<String> lacking = new ArrayList<>();
      checkTopics(admin, kafka, access, credentials, missing, lacking);
      if (!missing.isEmpty()) {
        createOrRefuse(kafka, access, missing, createMissingTopics);
      }
      checkGroups(admin, kafka, access, credentials, lacking);
      checkTransactionalIds(admin, kafka, access, credentials, lacking);
      if (!lacking.isEmpty()) {
        throw new AccessException("the principal of " + credentials + " may not " + String.join("; ", lacking)
            + " on " + kafka.bootstrap() + ": grant the '" + access.role() + "' role its ACLs as the administrator "
            + "(argus topics --acls; the table is in the README, 'Running on a cluster')");
      }
    }
  }

  private static Duration timeout(KafkaSettings kafka) {
    String configured = kafka.properties().get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    try {
      return configured == null ? TIMEOUT
          : Duration.ofMillis(Math.max(TIMEOUT.toMillis(), Long.parseLong(configured.strip())));
    } catch (NumberFormatException e) {
      return TIMEOUT; // KafkaSettings.load has refused a value that is not a number already
    }
  }

  private static Admin create(KafkaSettings kafka, Properties properties) {
    try {
      return Admin.create(properties);
    } catch (KafkaException e) {
      throw new AccessException("cannot reach Kafka at --bootstrap " + kafka.bootstrap() + " (" + rootMessage(e)
          + "): is the broker running there?");
    }
  }

  private static void checkTopics(Admin admin, KafkaSettings kafka, RoleAccess access, String credentials,
      List<String> missing, List<String> lacking) {
    Map<String, Topic<?, ?>> topics = new LinkedHashMap<>();
    access.topics().forEach(topic -> topics.put(topic.name(), topic));
    Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics.keySet(),
        new DescribeTopicsOptions().includeAuthorizedOperations(true)).topicNameValues();
    for (String name : topics.keySet()) {
      try {
        TopicDescription description = get(described.get(name), kafka, credentials);
        Set<AclOperation> allowed = description.authorizedOperations();
        for (AclOperation needed : List.of(AclOperation.READ, AclOperation.WRITE)) {
          if (access.topicsGranted(needed).contains(name) && allowed != null && !allowed.contains(needed)) {
            lacking.add(needed + " topic " + name);
          }
        }
      } catch (AccessException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          missing.add(name);
        } else if (e.getCause() instanceof TopicAuthorizationException) {
          lacking.add("see topic " + name);
        } else {
          throw e;
        }
      }
    }
  }

  private static void createOrRefuse(KafkaSettings kafka, RoleAccess access, List<String> missing, boolean create) {
    String how = "create them with 'argus topics --bootstrap " + kafka.bootstrap() + "'";
    if (!create) {
      throw new AccessException("the topics " + missing + " do not exist on " + kafka.bootstrap() + ": " + how);
    }
    List<Topic<?, ?>> topics = access.topics().stream().filter(topic -> missing.contains(topic.name())).toList();
    try {
      TopicAdmin.createMissing(kafka, topics, (short) 1);
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof AuthorizationException) {
        throw new AccessException("the topics " + missing + " do not exist on " + kafka.bootstrap() + " and this "
            + "principal may not create them: " + how + " as the administrator");
      }
      throw new AccessException(e.getMessage());
    }
  }

  private static void checkGroups(Admin admin, KafkaSettings kafka, RoleAccess access, String credentials,
      List<String> lacking) {
    for (Grant grant : access.grants()) {
      if (grant.type() != ResourceType.GROUP) {
        continue;
      }
      String group = grant.pattern() == PatternType.PREFIXED ? grant.name() + PROBE : grant.name();
      try {
        ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group),
            new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true)).describedGroups().get(group),
            kafka, credentials);
        Set<AclOperation> allowed = description.authorizedOperations();
        if (allowed != null && !allowed.isEmpty() && !allowed.contains(AclOperation.READ)) {
          lacking.add("READ " + grant.resource().replace("`", ""));
        }
      } catch (AccessException e) {
        if (e.getCause() instanceof GroupAuthorizationException) {
          lacking.add("READ " + grant.resource().replace("`", ""));
        } else if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e;
        }
      }
    }
  }

  private static void checkTransactionalIds(Admin admin, KafkaSettings kafka, RoleAccess access, String credentials,
      List<String> lacking) {
    for (Grant grant : access.grants()) {
      if (grant.type() != ResourceType.TRANSACTIONAL_ID) {
        continue;
      }
      String probe = grant.name() + PROBE;
      try {
        get(admin.describeTransactions(List.of(probe)).description(probe), kafka, credentials);
      } catch (AccessException e) {
        if (e.getCause() instanceof TransactionalIdAuthorizationException) {
          lacking.add("WRITE " + grant.resource().replace("`", ""));
        } else if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
          throw e;
        }
      }
    }
  }

  /**
   * The future's value; an authentication failure or no answer is the role's end, any other failure an
   * {@link AccessException} with the cause for the caller to judge.
   */
  private static <T> T get(KafkaFuture<T> future, KafkaSettings kafka, String credentials) {
    try {
      return future.get(timeout(kafka).toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AccessException("interrupted while checking Kafka at " + kafka.bootstrap());
    } catch (java.util.concurrent.TimeoutException e) {
      throw unreachable(kafka, credentials, "no answer in " + timeout(kafka).toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AuthenticationException) {
        throw new AccessException("Kafka at " + kafka.bootstrap() + " refused the credentials of " + credentials
            + ": " + cause.getMessage());
      }
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(kafka, credentials, cause.getMessage());
      }
      AccessException failure = new AccessException(cause.getMessage());
      failure.initCause(cause);
      throw failure;
    }
  }

  private static AccessException unreachable(KafkaSettings kafka, String credentials, String detail) {
    return new AccessException("cannot reach Kafka at --bootstrap " + kafka.bootstrap() + " (" + detail + "): is "
        + "the broker running there, and does it take the security settings of " + credentials + "?");
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
