package io.argus.pipeline.cli;

import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.security.RoleAccess;
import io.argus.pipeline.security.Roles;
import io.argus.schemas.Topic;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus topics}: creates every topic of the catalogue that does not exist yet and, with {@code --acls}, grants
 * every role's principal its minimum ACLs ({@link Roles}); run by the administrator (a super user) on a secured
 * cluster. {@code --print-acls} prints the table without connecting.
 */
@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Creates every topic of the catalogue that does not exist yet (running it again changes nothing).",
        "With --acls, also grants each role's principal its minimum ACLs (User:argus-<role> unless --principal says "
            + "otherwise); granting again changes nothing. Run it as the administrator (a super user): "
            + "--kafka-config admin.properties.",
        "--print-acls prints the table of every role's ACLs and exits."})
public final class TopicsCommand implements Callable<Integer> {

  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--replication", defaultValue = "1",
      description = "Replication factor of new topics. Default: ${DEFAULT-VALUE}.")
  short replication;

  @Option(names = "--acls", description = "Also grant every role's principal its ACLs.")
  boolean acls;

  @Option(names = "--principal", paramLabel = "ROLE=PRINCIPAL",
      description = "The principal of a role, for example score=User:svc-scorer (repeatable). Roles: validate, "
          + "features, score, forecast, train, dashboard, ingest, simulate. Default: User:argus-<role name> "
          + "(argus-validator, argus-features, argus-scorer, argus-forecaster, argus-trainer, argus-dashboard, "
          + "argus-ingest, argus-simulate).")
  Map<String, String> principals = new LinkedHashMap<>();

  @Option(names = "--print-acls", description = "Print every role's ACLs as a table and exit (no Kafka needed).")
  boolean printAcls;

  @Override
  public Integer call() {
    List<RoleAccess> roles = roles();
    PrintWriter out = spec.commandLine().getOut();
    if (printAcls) {
      out.print(Roles.markdownTable(roles));
      out.flush();
      return 0;
    }
    KafkaSettings settings = kafka.settings();
    List<String> created;
    try {
      created = TopicAdmin.createMissing(settings, Topics.ALL, replication);
    } catch (IllegalStateException e) {
      throw new UserException("cannot create the topics on " + settings.bootstrap() + " as the principal of "
          + kafka.credentials() + ": " + e.getMessage());
    }
    for (Topic<?, ?> topic : Topics.ALL) {
      out.printf("%-18s partitions=%d cleanup=%s %s%n", topic.name(), topic.partitions(),
          topic.cleanupPolicy().value(), created.contains(topic.name()) ? "created" : "exists");
    }
    if (acls) {
      grant(settings, roles, out);
    }
    out.flush();
    return 0;
  }

  /** Every role, with its principal from --principal or the default. */
  List<RoleAccess> roles() {
    List<RoleAccess> roles = new ArrayList<>();
    List<RoleAccess> all = Roles.all();
    for (String role : principals.keySet()) {
      if (all.stream().noneMatch(access -> access.role().equals(role))) {
        throw new UserException("--principal " + role + "=...: no such role; the roles are validate, features, "
            + "score, forecast, train, dashboard, ingest, simulate");
      }
      if (!principals.get(role).contains(":")) {
        throw new UserException("--principal " + role + "=" + principals.get(role) + ": a principal is TYPE:NAME, "
            + "for example User:svc-" + role);
      }
    }
    for (RoleAccess access : all) {
      String principal = principals.get(access.role());
      roles.add(principal == null ? access : access.forPrincipal(principal));
    }
    return roles;
  }

  private void grant(KafkaSettings settings, List<RoleAccess> roles, PrintWriter out) {
    try (Admin admin = Admin.create(settings.clientProperties())) {
      for (RoleAccess role : roles) {
        admin.createAcls(role.bindings()).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        out.printf("%-18s %s: %d ACLs granted%n", role.role(), role.principal(), role.bindings().size());
      }
    } catch (ExecutionException e) {
      throw new UserException("cannot grant the ACLs on " + settings.bootstrap() + " as the principal of "
          + kafka.credentials() + " (it must be a super user): " + e.getCause().getMessage());
    } catch (TimeoutException | KafkaException e) {
      throw new UserException("cannot grant the ACLs on " + settings.bootstrap() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while granting the ACLs");
    }
  }
}
