package io.argus.scorer.rules;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import io.argus.features.FeatureDefinition;
import io.argus.features.FeatureSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The names a rule may use, declared once from the feature set: every static feature by its declared name (a
 * {@code double}, for example {@code TX_AMOUNT}); every sequence feature by its declared name as the card's recent
 * transactions, oldest first and this one last ({@code list(double)} of the sequence length, padded at the front with
 * zeros as the features are, for example {@code SEQ_AMOUNT}); the transaction's fields ({@code transaction_id},
 * {@code card_token}, {@code customer_id}, {@code terminal_id} as strings, {@code event_time} as a timestamp); and the
 * model's {@code score} (0..1). Each name comes with its type, what it means and how its value is read from
 * {@link RuleFacts}, so the compiler, the evaluator and the help text cannot disagree.
 */
public final class RuleVariables {

  public static final String TRANSACTION_ID = "transaction_id";
  public static final String CARD_TOKEN = "card_token";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String TERMINAL_ID = "terminal_id";
  public static final String EVENT_TIME = "event_time";
  public static final String SCORE = "score";

  /** One name a rule may use. */
  public record Variable(String name, CelType type, String description, Function<RuleFacts, Object> value) {
  }

  private final FeatureSet featureSet;
  private final Map<String, Variable> byName;

  public RuleVariables(FeatureSet featureSet) {
    this.featureSet = featureSet;
    Map<String, Variable> variables = new LinkedHashMap<>();
    List<FeatureDefinition> staticFeatures = featureSet.staticFeatures();
    for (int i = 0; i < staticFeatures.size(); i++) {
      int index = i;
      FeatureDefinition feature = staticFeatures.get(i);
      add(variables, new Variable(feature.name(), SimpleType.DOUBLE, feature.description(),
          facts -> facts.input().values()[index]));
    }
    List<FeatureDefinition> step = featureSet.sequenceStep();
    for (int i = 0; i < step.size(); i++) {
      int index = i;
      FeatureDefinition feature = step.get(i);
      add(variables, new Variable(feature.name(), ListType.create(SimpleType.DOUBLE), feature.description()
          + " (the card's recent transactions, oldest first, this one last)", facts -> facts.sequence(index)));
    }
    add(variables, new Variable(TRANSACTION_ID, SimpleType.STRING, "the transaction's id",
        facts -> facts.fields().transactionId()));
    add(variables, new Variable(CARD_TOKEN, SimpleType.STRING, "the card's token (never the card number)",
        facts -> facts.fields().cardToken()));
    add(variables, new Variable(CUSTOMER_ID, SimpleType.STRING, "the customer's id",
        facts -> facts.fields().customerId()));
    add(variables, new Variable(TERMINAL_ID, SimpleType.STRING, "the terminal's id",
        facts -> facts.fields().terminalId()));
    add(variables, new Variable(EVENT_TIME, SimpleType.TIMESTAMP,
        "when the transaction happened (a timestamp: event_time.getHours(\"UTC\"), event_time.getDayOfWeek())",
        facts -> facts.fields().eventTime()));
    add(variables, new Variable(SCORE, SimpleType.DOUBLE, "the model's fraud score, 0..1",
        facts -> facts.score()));
    this.byName = Collections.unmodifiableMap(variables);
  }

  public FeatureSet featureSet() {
    return featureSet;
  }

  /** Every variable, in declared order: static features, sequence features, transaction fields, score. */
  public List<Variable> all() {
    return List.copyOf(byName.values());
  }

  public List<String> names() {
    return new ArrayList<>(byName.keySet());
  }

  /** The variable named {@code name}, or {@code null} when rules cannot use that name. */
  public Variable get(String name) {
    return byName.get(name);
  }

  private static void add(Map<String, Variable> variables, Variable variable) {
    if (variables.put(variable.name(), variable) != null) {
      throw new IllegalArgumentException("the rule variable " + variable.name() + " is declared twice");
    }
  }
}
