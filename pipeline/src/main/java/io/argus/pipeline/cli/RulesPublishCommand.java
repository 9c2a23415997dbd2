package io.argus.pipeline.cli;

import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.features.FraudV1;
import io.argus.pipeline.rules.RuleDraft;
import io.argus.pipeline.rules.RuleTopic;
import io.argus.scorer.rules.RuleCompiler;
import io.argus.scorer.rules.RuleRejectedException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code argus rules publish}: checks a rule as the scorer will, then publishes it as the id's next version. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Checks a rule as the scorer will (it must compile, name only known features and fields, and be a "
        + "condition) and publishes it to the rules topic as the next version of its id; the scorer applies it "
        + "without a restart. A rule that does not pass is refused and nothing is published.",
        "Backtest it first: argus rules backtest."})
public final class RulesPublishCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--id", required = true, description = "The rule's id: letters, digits, '.', '_', '-'. Publishing "
      + "an existing id replaces it with a new version.")
  String id;

  @Option(names = {"--rule", "--expression"}, required = true, paramLabel = "EXPRESSION",
      description = "The condition, in CEL, for example 'TX_AMOUNT > 220.0 && score > 0.3'.")
  String expression;

  @Option(names = "--action", required = true, description = "REVIEW, DECLINE or ALLOW.")
  RuleAction action;

  @Option(names = "--description", defaultValue = "", description = "Why the rule exists, for the analysts who read "
      + "it.")
  String description;

  @Option(names = "--author", description = "Who publishes it. Default: the user running the command.")
  String author;

  @Override
  public Integer call() {
    String publisher = author == null ? System.getProperty("user.name", "unknown") : author;
    RuleCompiler compiler = new RuleCompiler(FraudV1.FEATURE_SET);
    try (RuleTopic rules = RuleTopicOptions.open(kafka)) {
      RiskRule current = current(rules);
      RiskRule rule;
      try {
        rule = new RuleDraft(id, expression, action, description).toRule(compiler, publisher,
            current == null ? 0 : current.getVersion(), Instant.now());
      } catch (RuleRejectedException e) {
        throw new UserException("refused, nothing published: " + e.getMessage());
      }
      rules.publish(rule);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("published %s v%d (%s: %s) by %s%s%n", rule.getId(), rule.getVersion(), rule.getAction(),
          rule.getExpression(), rule.getAuthor(), current == null ? "" : "; replaces v" + current.getVersion());
      out.flush();
    }
    return 0;
  }

  private RiskRule current(RuleTopic rules) {
    try {
      return rules.current().get(id);
    } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
      throw new UserException(e.getMessage());
    }
  }
}
