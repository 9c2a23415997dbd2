package io.argus.pipeline.cli;

import io.argus.avro.RiskRule;
import io.argus.pipeline.rules.RuleTopic;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code argus rules list}: the rules in force, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists the rules in force (the latest version of each id on the rules topic): id, version, action, "
        + "author, time, condition and description.")
public final class RulesListCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Override
  public Integer call() {
    Map<String, RiskRule> current;
    try (RuleTopic rules = RuleTopicOptions.open(kafka)) {
      current = rules.current();
    } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
      throw new UserException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (current.isEmpty()) {
      out.println("no rule is in force");
    } else {
      out.printf("%-24s %4s %-8s %-12s %-20s %s%n", "id", "ver", "action", "author", "published", "condition");
      for (RiskRule rule : current.values()) {
        out.printf("%-24s %4d %-8s %-12s %-20s %s%s%n", rule.getId(), rule.getVersion(), rule.getAction(),
            rule.getAuthor(), rule.getPublishedAt().toString().substring(0, 19), rule.getExpression(),
            rule.getDescription().isEmpty() ? "" : "  # " + rule.getDescription());
      }
    }
    out.flush();
    return 0;
  }
}
