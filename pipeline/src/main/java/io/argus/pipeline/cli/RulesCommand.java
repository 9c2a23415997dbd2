package io.argus.pipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code argus rules}: risk rules beside the model — backtest one over the offline store, publish it to the rules
 * topic (checked as the scorer checks it), list the rules in force, retire one.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = {"Risk rules beside the model: CEL conditions over the fraud_v1 feature names (TX_AMOUNT, ...), the "
        + "transaction's fields (transaction_id, card_token, customer_id, terminal_id, event_time) and the model's "
        + "score, with an action: REVIEW, DECLINE or ALLOW.",
        "The scorer follows the rules topic and applies a change without a restart."},
    subcommands = {
        RulesBacktestCommand.class,
        RulesPublishCommand.class,
        RulesListCommand.class,
        RulesRetireCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class RulesCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: backtest, publish, list or retire");
  }
}
