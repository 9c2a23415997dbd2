package io.argus.scorer.bench;

import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rules for the scorer benchmark: {@code count} rules of the kinds analysts write (a threshold on a feature, velocity
 * with the score, a customer allow-list entry, time of day with an amount, a jump in the card's recent amounts, a
 * macro over the sequence), with thresholds that make each fire rarely, so the benchmark measures their cost without
 * changing most decisions; or the rules of a file, one per line: {@code ID ACTION EXPRESSION} ({@code #} comments).
 */
public final class SyntheticRules {

  private static final String[] TEMPLATES = {
      "TX_AMOUNT > %d.0",
      "CARD_NB_TX_10MIN_WINDOW >= %d.0 && score > 0.3",
      "customer_id == 'c-card-%05d'",
      "event_time.getHours('UTC') < 5 && TX_AMOUNT > %d.0",
      "SEQ_AMOUNT[9] > %d.0 * SEQ_AMOUNT[8] && SEQ_PRESENT[8] == 1.0",
      "SEQ_AMOUNT.filter(amount, amount > %d.0).size() >= 3",
  };
  private static final RuleAction[] ACTIONS = {
      RuleAction.REVIEW, RuleAction.REVIEW, RuleAction.ALLOW, RuleAction.REVIEW, RuleAction.DECLINE, RuleAction.REVIEW};

  private SyntheticRules() {
  }

  public static List<RiskRule> generate(int count) {
    List<RiskRule> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int kind = i % TEMPLATES.length;
      int parameter = switch (kind) {
        case 0 -> 300 + 10 * i;
        case 1 -> 30 + i;
        case 2 -> 9_000 + i;
        case 3 -> 200 + i;
        case 4 -> 20 + i;
        default -> 350 + i;
      };
      rules.add(rule(String.format(Locale.ROOT, "bench-%03d", i),
          String.format(Locale.ROOT, TEMPLATES[kind], parameter), ACTIONS[kind]));
    }
    return rules;
  }

  /** The rules of {@code file}: one per line, {@code ID ACTION EXPRESSION}; blank lines and {@code #} comments skipped. */
  public static List<RiskRule> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the rules file " + file, e);
    }
    List<RiskRule> rules = new ArrayList<>();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+", 3);
      if (parts.length < 3) {
        throw new IllegalArgumentException(file + " line " + number + ": expected ID ACTION EXPRESSION, got '" + line
            + "'");
      }
      RuleAction action;
      try {
        action = RuleAction.valueOf(parts[1].toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + number + ": the action is REVIEW, DECLINE or ALLOW, got '"
            + parts[1] + "'");
      }
      rules.add(rule(parts[0], parts[2], action));
    }
    return rules;
  }

  private static RiskRule rule(String id, String expression, RuleAction action) {
    return RiskRule.newBuilder().setId(id).setExpression(expression).setAction(action)
        .setDescription("benchmark rule").setAuthor("argus bench score").setVersion(1).setPublishedAt(Instant.now())
        .build();
  }
}
