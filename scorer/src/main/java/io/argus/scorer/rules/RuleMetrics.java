package io.argus.scorer.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules' meters: {@code argus_scorer_rule_hits_total{rule, action}}, {@code argus_scorer_rule_errors_total{rule}}
 * (a rule that failed on a transaction did not fire), {@code argus_scorer_rule_refusals_total} (published rules the
 * scorer refused) and the gauge {@code argus_scorer_rules_active}. A rule's first failure of each version is logged;
 * the rest are only counted, so a broken rule cannot flood the log. Thread-safe.
 */
public final class RuleMetrics implements RuleListener {

  private static final Logger LOG = LoggerFactory.getLogger(RuleMetrics.class);

  private final MeterRegistry registry;
  private final Counter refusals;
  private final Map<String, Counter> hits = new ConcurrentHashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  public RuleMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.refusals = Counter.builder("argus.scorer.rule.refusals").description("Published rules the scorer refused")
        .register(registry);
  }

  /** Publishes the number of rules in force in {@code holder} as {@code argus_scorer_rules_active}. */
  public void watch(RuleHolder holder) {
    Gauge.builder("argus.scorer.rules.active", holder, rules -> rules.current().size())
        .description("Rules in force").register(registry);
  }

  @Override
  public void held(CompiledRule rule) {
    hits.computeIfAbsent(rule.id() + "/" + rule.action(), key -> Counter.builder("argus.scorer.rule.hits")
        .tag("rule", rule.id()).tag("action", rule.action().name()).description("Transactions a rule held for")
        .register(registry)).increment();
  }

  @Override
  public void failed(CompiledRule rule, Exception failure) {
    errors.computeIfAbsent(rule.id(), key -> Counter.builder("argus.scorer.rule.errors").tag("rule", rule.id())
        .description("Transactions a rule failed on (it did not fire)").register(registry)).increment();
    if (logged.add(rule.id() + "/" + rule.version())) {
      LOG.warn("Rule {} failed on a transaction and did not fire (logged once per version; counted in "
          + "argus_scorer_rule_errors_total): {}", rule, failure.getMessage());
    }
  }

  public void refused() {
    refusals.increment();
  }
}
