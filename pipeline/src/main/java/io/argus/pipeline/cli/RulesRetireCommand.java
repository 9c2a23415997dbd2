package io.argus.pipeline.cli;

import io.argus.avro.RiskRule;
import io.argus.pipeline.rules.RuleTopic;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code argus rules retire}: writes the tombstone that takes a rule out of force. */
@Command(name = "retire", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Retires a rule: writes its tombstone to the rules topic; the scorer stops applying it without a "
        + "restart. Its versions stay in the audit of fraud-scores (the rules that fired) until compaction.")
public final class RulesRetireCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--id", required = true, description = "The id of the rule to retire.")
  String id;

  @Override
  public Integer call() {
    try (RuleTopic rules = RuleTopicOptions.open(kafka)) {
      Map<String, RiskRule> current;
      try {
        current = rules.current();
      } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
        throw new UserException(e.getMessage());
      }
      RiskRule rule = current.get(id);
      if (rule == null) {
        throw new UserException("no rule '" + id + "' is in force" + (current.isEmpty() ? "" : "; the rules are "
            + String.join(", ", current.keySet())));
      }
      rules.retire(id);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("retired %s (was v%d, %s: %s)%n", id, rule.getVersion(), rule.getAction(), rule.getExpression());
      out.flush();
    }
    return 0;
  }
}
