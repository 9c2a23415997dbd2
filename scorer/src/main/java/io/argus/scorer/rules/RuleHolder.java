package io.argus.scorer.rules;

import io.argus.features.FraudV1;
import java.util.concurrent.CompletableFuture;

/**
 * The rule set in force, swapped as one reference: each transaction reads {@link #current()} once and is evaluated
 * against that whole set, so a change never pauses scoring and never applies half of an update. {@link #loaded()}
 * completes once the follower has read the rules topic to its end, so the scorer can wait for the rules before it
 * scores its first transaction. It also carries what evaluation needs beside the set: the variables rules read and
 * the listener told about hits and failures.
 */
public final class RuleHolder {

  private final RuleVariables variables;
  private final RuleListener listener;
  private final CompletableFuture<Void> loaded = new CompletableFuture<>();
  private volatile RuleSet current = RuleSet.EMPTY;

  public RuleHolder(RuleVariables variables, RuleListener listener) {
    this.variables = variables;
    this.listener = listener;
  }

  /** A loaded holder of {@code rules} over fraud_v1, telling no one (tests, benchmarks, scoring without a topic). */
  public static RuleHolder of(RuleSet rules) {
    RuleHolder holder = new RuleHolder(new RuleVariables(FraudV1.FEATURE_SET), RuleListener.NONE);
    holder.replace(rules);
    holder.markLoaded();
    return holder;
  }

  public RuleSet current() {
    return current;
  }

  public void replace(RuleSet rules) {
    current = rules;
  }

  public RuleVariables variables() {
    return variables;
  }

  public RuleListener listener() {
    return listener;
  }

  public CompletableFuture<Void> loaded() {
    return loaded;
  }

  public void markLoaded() {
    loaded.complete(null);
  }
}
