package io.argus.scorer.explain;

import io.argus.features.FeatureDefinition;
import io.argus.features.FeatureDefinition.Entity;
import io.argus.features.FeatureSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How the static features of a feature set are grouped for explanations, declared once: each rule names a group
 * and says which feature definitions belong to it; a feature joins the first rule that matches. The rules read the
 * feature set's own declaration (entity and name), so a feature added to {@code fraud_v1} lands in a group without a
 * change here, and a test checks that every feature of {@code fraud_v1} does.
 */
public final class StaticGroups {

  /** One group: its name (as it appears in a {@code Contribution}) and which features it takes. */
  public record Rule(String group, Predicate<FeatureDefinition> matches) {
  }

  /** The groups of {@code fraud_v1}, in the order explanations list them. */
  public static final List<Rule> RULES = List.of(
      new Rule("amount", feature -> feature.name().contains("AMOUNT")
          && (feature.entity() == Entity.TRANSACTION || feature.entity() == Entity.CARD)),
      new Rule("time_of_day_and_week", feature -> feature.entity() == Entity.TRANSACTION),
      new Rule("customer_history", feature -> feature.entity() == Entity.CUSTOMER),
      new Rule("terminal_risk", feature -> feature.entity() == Entity.TERMINAL || feature.name().contains("TERMINAL")),
      new Rule("card_velocity", feature -> feature.entity() == Entity.CARD));

  private StaticGroups() {
  }

  /**
   * The static feature names of {@code featureSet} by group, in rule order; groups no feature matches are left out.
   *
   * @throws IllegalArgumentException naming a feature that no rule takes
   */
  public static Map<String, List<String>> of(FeatureSet featureSet) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (Rule rule : RULES) {
      groups.put(rule.group(), new ArrayList<>());
    }
    for (FeatureDefinition feature : featureSet.staticFeatures()) {
      Rule rule = RULES.stream().filter(candidate -> candidate.matches().test(feature)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("feature " + feature.name() + " of "
              + featureSet.version() + " belongs to no explanation group; add a rule to StaticGroups.RULES"));
      groups.get(rule.group()).add(feature.name());
    }
    groups.values().removeIf(List::isEmpty);
    return groups;
  }
}
