package io.argus.scorer.rules;

import static io.argus.scorer.rules.Rules.compiled;
import static io.argus.scorer.rules.Rules.facts;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.RuleAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {

  private final List<String> held = new ArrayList<>();
  private final List<String> failed = new ArrayList<>();
  private final RuleListener listener = new RuleListener() {
    @Override
    public void held(CompiledRule rule) {
      held.add(rule.id());
    }

    @Override
    public void failed(CompiledRule rule, Exception failure) {
      failed.add(rule.id() + ": " + failure.getMessage());
    }
  };

  @Test
  void shouldReturnTheRulesThatHoldInIdOrder() {
    RuleSet rules = new RuleSet(List.of(
        compiled("z-large", "TX_AMOUNT > 200.0", RuleAction.DECLINE),
        compiled("a-risky", "score > 0.4", RuleAction.REVIEW),
        compiled("m-small", "TX_AMOUNT < 5.0", RuleAction.ALLOW)));

    List<RuleHit> hits = rules.evaluate(facts(250, 0.5), listener);

    assertThat(hits).containsExactly(new RuleHit("a-risky", 1, RuleAction.REVIEW),
        new RuleHit("z-large", 1, RuleAction.DECLINE));
    assertThat(held).containsExactly("a-risky", "z-large");
  }

  @Test
  void shouldReadTheTransactionFieldsAndTheEventTime() {
    RuleSet rules = new RuleSet(List.of(
        compiled("customer", "customer_id == 'c-42' && terminal_id == 'term-7' && card_token == 'card-9'",
            RuleAction.REVIEW),
        compiled("night", "event_time.getHours('UTC') < 6", RuleAction.REVIEW),
        compiled("day", "event_time.getHours('UTC') >= 6", RuleAction.REVIEW),
        compiled("id", "transaction_id.startsWith('t-')", RuleAction.REVIEW)));

    assertThat(rules.evaluate(facts(10, 0.1), listener)).extracting(RuleHit::id)
        .containsExactly("customer", "id", "night");
  }

  @Test
  void shouldSeeTheCardsRecentTransactionsOldestFirstPaddedAtTheFront() {
    RuleSet rules = new RuleSet(List.of(
        compiled("length", "size(SEQ_AMOUNT) == 10", RuleAction.REVIEW),
        compiled("last-is-this", "SEQ_AMOUNT[9] == 300.0 && SEQ_AMOUNT[8] == 20.0", RuleAction.REVIEW),
        compiled("padding", "SEQ_PRESENT[0] == 0.0 && SEQ_AMOUNT[0] == 0.0", RuleAction.REVIEW),
        compiled("burst", "SEQ_AMOUNT.filter(amount, amount > 100.0).size() >= 2", RuleAction.REVIEW),
        compiled("history", "SEQ_PRESENT.exists(present, present == 1.0)", RuleAction.REVIEW)));

    List<RuleHit> hits = rules.evaluate(facts(300, 0.1, 15, 120, 20, 300), listener);

    assertThat(hits).extracting(RuleHit::id).containsExactly("burst", "history", "last-is-this", "length", "padding");
  }

  @Test
  void shouldOrderDoublesAgainstIntegersAndCompareThemForEqualityAsDoubles() {
    RuleSet rules = new RuleSet(List.of(compiled("weekday", "TX_DURING_WEEKEND == 0.0", RuleAction.REVIEW),
        compiled("some-amount", "TX_AMOUNT >= 10", RuleAction.REVIEW)));

    assertThat(rules.evaluate(facts(10, 0.1), listener)).hasSize(2);
  }

  @Test
  void shouldSkipARuleThatFailsOnATransactionAndTellTheListener() {
    RuleSet rules = new RuleSet(List.of(
        compiled("past-the-end", "SEQ_AMOUNT[10] > 1.0", RuleAction.DECLINE),
        compiled("divides", "1 / int(TX_AMOUNT) > 0", RuleAction.DECLINE),
        compiled("fine", "TX_AMOUNT >= 0.0", RuleAction.REVIEW)));

    List<RuleHit> hits = rules.evaluate(facts(0, 0.1), listener);

    assertThat(hits).extracting(RuleHit::id).containsExactly("fine");
    assertThat(failed).hasSize(2);
    assertThat(failed.get(0)).startsWith("divides: ").contains("/ by zero");
    assertThat(failed.get(1)).startsWith("past-the-end: ").contains("Index out of bounds");
  }

  @Test
  void shouldHitNothingWithoutRules() {
    assertThat(RuleSet.EMPTY.evaluate(facts(1_000, 1), listener)).isEmpty();
    assertThat(RuleSet.EMPTY.isEmpty()).isTrue();
  }
}
