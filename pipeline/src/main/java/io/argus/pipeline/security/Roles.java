package io.argus.pipeline.security;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import io.argus.features.job.FeatureKafka;
import io.argus.ingestion.streams.Validator;
import io.argus.ingestion.streams.ValidatorTopology;
import io.argus.pipeline.dashboard.Dashboard;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import io.argus.scorer.ScoringTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;

/**
 * The minimum ACLs of every role, declared once: {@code argus topics --acls} grants them, each role checks its own at
 * start, and the README's table is {@link #markdownTable()} (a test keeps the two equal). The Kafka Streams roles (the
 * validator, exactly once; the scorer, at least once unless set to {@code exactly_once_v2}) need their consumer
 * group, their internal topics (changelogs, repartition topics: prefixed by the application id) and their
 * transactional ids (prefixed by the application id too); idempotent producers need nothing beyond {@code WRITE} on
 * a topic. The administrator (a super user) creates the topics, the users and these ACLs; no role creates topics on a
 * secured cluster.
 */
public final class Roles {

  /** The default principal of a role: {@code User:argus-<role>}. */
  public static final String PRINCIPAL_PREFIX = "User:argus-";

  /** A Streams application's changelogs: created and checked ({@code DESCRIBE_CONFIGS}) at start, read, written. */
  private static final AclOperation[] CHANGELOGS = {CREATE, READ, WRITE, DESCRIBE_CONFIGS};
  /** With repartition topics too, which Streams purges as it commits ({@code DELETE} of records). */
  private static final AclOperation[] CHANGELOGS_AND_REPARTITION = {CREATE, READ, WRITE, DELETE, DESCRIBE_CONFIGS};

  private Roles() {
  }

  /**
   * {@code argus validate}: two Kafka Streams applications, the checks under {@code applicationId-check}, the rest
   * under {@code applicationId}, both at least once; transactional ids for an operator who sets
   * {@code processing.guarantee=exactly_once_v2} on the second.
   */
  public static RoleAccess validator(String applicationId) {
    return new RoleAccess("validate", PRINCIPAL_PREFIX + "validator", List.of(
        Grant.topic(Topics.TRANSACTIONS_RAW.name(), "input", READ),
        Grant.topic(Topics.TRANSACTIONS_CHECKED.name(), "checked records, from the first stage to the second", READ,
            WRITE),
        Grant.topic(Topics.TRANSACTIONS.name(), "validated transactions", WRITE),
        Grant.topic(Topics.TRANSACTIONS_DLQ.name(), "rejections", WRITE),
        Grant.group(applicationId, "the second stage's group"),
        Grant.group(Validator.checkApplicationId(applicationId), "the first stage's group"),
        Grant.topicsStartingWith(applicationId + "-", "internal topics (duplicate store changelog, repartition)",
            CHANGELOGS_AND_REPARTITION),
        Grant.transactionalIdsStartingWith(applicationId + "-", "exactly-once producers, if configured")),
        List.of(Topics.TRANSACTIONS_RAW, Topics.TRANSACTIONS_CHECKED, Topics.TRANSACTIONS, Topics.TRANSACTIONS_DLQ));
  }

  /** {@code argus features} and the feature job on a Flink cluster: consumer group {@code groupId}. */
  public static RoleAccess features(String groupId) {
    return new RoleAccess("features", PRINCIPAL_PREFIX + "features", List.of(
        Grant.topic(Topics.TRANSACTIONS.name(), "input", READ),
        Grant.topic(Topics.FRAUD_LABELS.name(), "input", READ),
        Grant.topic(Topics.FEATURES.name(), "feature vectors (at least once)", WRITE),
        Grant.topic(Topics.TRANSACTIONS_DLQ.name(), "undecodable and too-late records", WRITE),
        Grant.group(groupId, "offsets committed on checkpoints")),
        List.of(Topics.TRANSACTIONS, Topics.FRAUD_LABELS, Topics.FEATURES, Topics.TRANSACTIONS_DLQ));
  }

  /**
   * {@code argus score}: Kafka Streams, application id {@code applicationId}; at least once by default, its
   * transactional ids for an operator who sets {@code processing.guarantee=exactly_once_v2}.
   */
  public static RoleAccess scorer(String applicationId) {
    return new RoleAccess("score", PRINCIPAL_PREFIX + "scorer", List.of(
        Grant.topic(Topics.FEATURES.name(), "input", READ),
        Grant.topic(Topics.MODEL_RELEASES.name(), "champions (every partition, no group)", READ),
        Grant.topic(Topics.RULES.name(), "rules in force (every partition, no group)", READ),
        Grant.topic(Topics.FRAUD_SCORES.name(), "scores", WRITE),
        Grant.topic(Topics.ALERTS.name(), "fraud and model alerts", WRITE),
        Grant.topic(Topics.TRANSACTIONS_DLQ.name(), "bad vectors, refused releases", WRITE),
        Grant.group(applicationId, "the Streams application's group"),
        Grant.topicsStartingWith(applicationId + "-", "internal topic (scored-id store changelog)", CHANGELOGS),
        Grant.transactionalIdsStartingWith(applicationId + "-", "exactly-once producers, if configured")),
        List.of(Topics.FEATURES, Topics.MODEL_RELEASES, Topics.RULES, Topics.FRAUD_SCORES, Topics.ALERTS,
            Topics.TRANSACTIONS_DLQ));
  }

  /** {@code argus forecast}: one consumer assigned every partition (no group), two producers. */
  public static RoleAccess forecaster() {
    return new RoleAccess("forecast", PRINCIPAL_PREFIX + "forecaster", List.of(
        Grant.topic(Topics.TRANSACTIONS.name(), "input (every partition, no group)", READ),
        Grant.topic(Topics.FORECASTS.name(), "forecasts", WRITE),
        Grant.topic(Topics.ALERTS.name(), "deviation alerts", WRITE),
        Grant.topic(Topics.TRANSACTIONS_DLQ.name(), "undecodable transactions", WRITE)),
        List.of(Topics.TRANSACTIONS, Topics.FORECASTS, Topics.ALERTS, Topics.TRANSACTIONS_DLQ));
  }

  /** {@code argus train --bootstrap}: the release publisher of training and retraining. */
  public static RoleAccess trainer() {
    return new RoleAccess("train", PRINCIPAL_PREFIX + "trainer", List.of(
        Grant.topic(Topics.MODEL_RELEASES.name(), "releases", WRITE),
        Grant.topic(Topics.ALERTS.name(), "release decisions, drift", WRITE)),
        List.of(Topics.MODEL_RELEASES, Topics.ALERTS));
  }

  /**
   * {@code argus dashboard}: one consumer in a fresh group of its own prefix per start; analysts' verdicts (a label and
   * its audit record in one transaction) and rule changes through one transactional producer per start.
   */
  public static RoleAccess dashboard() {
    List<Grant> grants = new ArrayList<>();
    for (Topic<?, ?> topic : dashboardTopics()) {
      grants.add(Grant.topic(topic.name(), "shown", READ));
    }
    grants.add(Grant.groupsStartingWith(Dashboard.GROUP_PREFIX, "a fresh group per start, nothing committed"));
    grants.add(Grant.topic(Topics.FRAUD_LABELS.name(), "analysts' verdicts as labels", WRITE));
    grants.add(Grant.topic(Topics.CASE_DECISIONS.name(), "the audit trail of verdicts", WRITE));
    grants.add(Grant.topic(Topics.RULES.name(), "rules published and retired in the editor", WRITE));
    grants.add(Grant.transactionalIdsStartingWith(Dashboard.TRANSACTIONAL_ID_PREFIX,
        "a verdict's label and audit record in one transaction"));
    List<Topic<?, ?>> topics = new ArrayList<>(dashboardTopics());
    topics.add(Topics.FRAUD_LABELS);
    return new RoleAccess("dashboard", PRINCIPAL_PREFIX + "dashboard", grants, topics);
  }

  /** {@code argus rules publish/list/retire}: reads the rules topic to its end (no group) and writes to it. */
  public static RoleAccess rules() {
    return new RoleAccess("rules", PRINCIPAL_PREFIX + "rules", List.of(
        Grant.topic(Topics.RULES.name(), "the rules in force (every partition, no group); publish and retire", READ,
            WRITE)),
        List.of(Topics.RULES));
  }

  /** {@code argus ingest}: idempotent producers of a file's transactions, rejections and labels. */
  public static RoleAccess ingest() {
    return new RoleAccess("ingest", PRINCIPAL_PREFIX + "ingest", List.of(
        Grant.topic(Topics.TRANSACTIONS.name(), "validated transactions", WRITE),
        Grant.topic(Topics.TRANSACTIONS_DLQ.name(), "rejected lines", WRITE),
        Grant.topic(Topics.FRAUD_LABELS.name(), "labels", WRITE)),
        List.of(Topics.TRANSACTIONS, Topics.TRANSACTIONS_DLQ, Topics.FRAUD_LABELS));
  }

  /** {@code argus simulate --bootstrap}: validated transactions, or with {@code --raw} the public JSON. */
  public static RoleAccess simulate() {
    return new RoleAccess("simulate", PRINCIPAL_PREFIX + "simulate", List.of(
        Grant.topic(Topics.TRANSACTIONS_RAW.name(), "with --raw", WRITE),
        Grant.topic(Topics.TRANSACTIONS.name(), "validated transactions", WRITE),
        Grant.topic(Topics.TRANSACTIONS_DLQ.name(), "rejections", WRITE),
        Grant.topic(Topics.FRAUD_LABELS.name(), "labels", WRITE)),
        List.of(Topics.TRANSACTIONS_RAW, Topics.TRANSACTIONS, Topics.TRANSACTIONS_DLQ, Topics.FRAUD_LABELS));
  }

  /** Every role with its default ids and principal, in pipeline order. */
  public static List<RoleAccess> all() {
    return List.of(validator(ValidatorTopology.APPLICATION_ID), features(FeatureKafka.DEFAULT_GROUP_ID),
        scorer(ScoringTopology.APPLICATION_ID), forecaster(), trainer(), dashboard(), rules(), ingest(), simulate());
  }

  /** The role named {@code role} (a command name, as in the table), with its default ids. */
  public static RoleAccess named(String role) {
    return all().stream().filter(access -> access.role().equals(role)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no role '" + role + "'; the roles are "
            + all().stream().map(RoleAccess::role).collect(Collectors.joining(", "))));
  }

  /**
   * The README's table: each role, its principal and its grants, one row per grant (consecutive grants of the same
   * kind, operations and purpose share a row).
   */
  public static String markdownTable(List<RoleAccess> roles) {
    StringBuilder table = new StringBuilder("| role | principal | resources | operations | for |\n"
        + "|---|---|---|---|---|\n");
    for (RoleAccess role : roles) {
      List<List<Grant>> rows = new ArrayList<>();
      for (Grant grant : role.grants()) {
        List<Grant> last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        if (last != null && sameRow(last.get(0), grant)) {
          last.add(grant);
        } else {
          rows.add(new ArrayList<>(List.of(grant)));
        }
      }
      boolean first = true;
      for (List<Grant> row : rows) {
        Grant grant = row.get(0);
        String resources = row.size() == 1 ? grant.resource() : grant.resource().replaceFirst(" .*", "s ")
            + row.stream().map(each -> each.resource().replaceFirst("^[a-z ]+ ", ""))
                .collect(Collectors.joining(", "));
        table.append("| ").append(first ? "`" + role.role() + "`" : "").append(" | ")
            .append(first ? "`" + role.principal() + "`" : "").append(" | ").append(resources).append(" | ")
            .append(grant.operations().stream().map(Enum::name).collect(Collectors.joining(", "))).append(" | ")
            .append(grant.why()).append(" |\n");
        first = false;
      }
    }
    return table.toString();
  }

  private static boolean sameRow(Grant first, Grant next) {
    return first.type() == next.type() && first.pattern() == next.pattern()
        && first.operations().equals(next.operations()) && first.why().equals(next.why());
  }

  /** The topics the dashboard reads ({@link Dashboard#topicNames()}), from the catalogue. */
  private static List<Topic<?, ?>> dashboardTopics() {
    return Dashboard.topicNames().stream().<Topic<?, ?>>map(name -> Topics.ALL.stream()
        .filter(topic -> topic.name().equals(name)).findFirst().orElseThrow()).toList();
  }
}
