package io.argus.scorer.rules;

import static io.argus.scorer.rules.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The follower against Kafka's {@code MockConsumer}: what is in force after start, after changes, after refusals. */
class RuleFollowerTest {

  private static final TopicPartition PARTITION = new TopicPartition(Topics.RULES.name(), 0);
  private static final Clock CLOCK = Clock.fixed(Rules.T0, ZoneOffset.UTC);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RuleMetrics metrics = new RuleMetrics(registry);
  private final RuleHolder holder = new RuleHolder(Rules.COMPILER.variables(), metrics);

  {
    metrics.watch(holder);
  }
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();
  private final List<RejectedRecord> deadLetters = new CopyOnWriteArrayList<>();
  private RuleFollower follower;
  private long nextOffset;

  @AfterEach
  void stop() {
    if (follower != null) {
      follower.close();
    }
  }

  @Test
  void shouldPutTheLatestVersionOfEachRuleInForceBeforeSayingTheRulesAreLoaded() throws Exception {
    start(record("big", rule("big", "TX_AMOUNT > 220.0", RuleAction.REVIEW, 1)),
        record("night", rule("night", "event_time.getHours('UTC') < 6", RuleAction.REVIEW, 1)),
        record("big", rule("big", "TX_AMOUNT > 500.0", RuleAction.DECLINE, 2)));

    holder.loaded().get(30, TimeUnit.SECONDS);

    assertThat(holder.current().rules()).extracting(CompiledRule::toString).containsExactly(
        "big v2 (DECLINE: TX_AMOUNT > 500.0)", "night v1 (REVIEW: event_time.getHours('UTC') < 6)");
    assertThat(alerts).isEmpty();
  }

  @Test
  void shouldRetireARuleOnATombstoneAndAdoptANewOneWhileRunning() throws Exception {
    start(record("big", rule("big", "TX_AMOUNT > 220.0", RuleAction.REVIEW, 1)),
        record("night", rule("night", "event_time.getHours('UTC') < 6", RuleAction.REVIEW, 1)));
    holder.loaded().get(30, TimeUnit.SECONDS);
    RuleSet before = holder.current();

    publish(record("night", null), record("trusted", rule("trusted", "customer_id == 'c-1'", RuleAction.ALLOW, 1)));

    await(() -> ids().equals(List.of("big", "trusted")));
    assertThat(before.rules()).extracting(CompiledRule::id).containsExactly("big", "night");
    assertThat(registry.get("argus.scorer.rules.active").gauge().value()).isEqualTo(2.0);
  }

  @Test
  void shouldRefuseARuleThatDoesNotCompileWithAModelAlertAndTakeItsEarlierVersionOutOfForce() throws Exception {
    start(record("big", rule("big", "TX_AMOUNT > 220.0", RuleAction.REVIEW, 1)),
        record("night", rule("night", "event_time.getHours('UTC') < 6", RuleAction.REVIEW, 1)));
    holder.loaded().get(30, TimeUnit.SECONDS);

    publish(record("big", rule("big", "AMOUNT > 220.0", RuleAction.DECLINE, 2)));

    await(() -> ids().equals(List.of("night")));
    assertThat(alerts).hasSize(1);
    Alert refusal = alerts.get(0);
    assertThat(refusal.getKind()).isEqualTo(AlertKind.MODEL);
    assertThat(refusal.getReferences()).containsEntry("ruleId", "big").containsEntry("ruleVersion", "2")
        .containsEntry("author", "ana");
    assertThat(refusal.getMessage()).startsWith("Refused rule big v2 by ana: rule 'big': 'AMOUNT' is not a name rules "
        + "know (did you mean 'TX_AMOUNT'?)").endsWith("it is not in force (the other rules are)");
    assertThat(registry.get("argus.scorer.rule.refusals").counter().count()).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterAnUndecodableRecordAndRefuseItsId() throws Exception {
    start(record("big", rule("big", "TX_AMOUNT > 220.0", RuleAction.REVIEW, 1)));
    holder.loaded().get(30, TimeUnit.SECONDS);

    publish(new ConsumerRecord<>(Topics.RULES.name(), 0, nextOffset++, "big",
        "{\"id\": \"big\"}".getBytes(StandardCharsets.UTF_8)));

    await(() -> ids().isEmpty());
    assertThat(deadLetters).singleElement().satisfies(rejected -> {
      assertThat(rejected.getReason()).isEqualTo(RejectReason.UNDECODABLE);
      assertThat(rejected.getSourceTopic()).isEqualTo(Topics.RULES.name());
    });
    assertThat(alerts).singleElement().satisfies(alert -> assertThat(alert.getMessage()).contains("cannot be decoded"));
  }

  @Test
  void shouldRefuseARecordKeyedByAnotherRulesId() throws Exception {
    start(record("big", rule("huge", "TX_AMOUNT > 220.0", RuleAction.REVIEW, 1)));

    holder.loaded().get(30, TimeUnit.SECONDS);

    assertThat(ids()).isEmpty();
    assertThat(alerts).singleElement().satisfies(alert -> assertThat(alert.getMessage())
        .contains("the record's key 'big' is not its rule id 'huge'"));
  }

  @Test
  void shouldScoreWithoutRulesWhileTheTopicDoesNotExist() throws Exception {
    follower = RuleFollower.start(consumer, holder, Rules.COMPILER, metrics, alerts::add, deadLetters::add, CLOCK);

    holder.loaded().get(30, TimeUnit.SECONDS);

    assertThat(holder.current().isEmpty()).isTrue();
  }

  @SafeVarargs
  private void start(ConsumerRecord<String, byte[]>... records) {
    consumer.updatePartitions(Topics.RULES.name(), List.of(new PartitionInfo(Topics.RULES.name(), 0, Node.noNode(),
        new Node[0], new Node[0])));
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    consumer.updateEndOffsets(Map.of(PARTITION, (long) records.length));
    consumer.schedulePollTask(() -> {
      for (ConsumerRecord<String, byte[]> record : records) {
        consumer.addRecord(record);
      }
    });
    follower = RuleFollower.start(consumer, holder, Rules.COMPILER, metrics, alerts::add, deadLetters::add, CLOCK);
  }

  @SafeVarargs
  private void publish(ConsumerRecord<String, byte[]>... records) {
    consumer.schedulePollTask(() -> {
      for (ConsumerRecord<String, byte[]> record : records) {
        consumer.addRecord(record);
      }
    });
  }

  private ConsumerRecord<String, byte[]> record(String key, RiskRule rule) {
    byte[] value = rule == null ? null : Topics.RULES.valueSerde().serializer().serialize(Topics.RULES.name(), rule);
    return new ConsumerRecord<>(Topics.RULES.name(), 0, nextOffset++, key, value);
  }

  private List<String> ids() {
    return holder.current().rules().stream().map(CompiledRule::id).toList();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 30 s");
      }
      Thread.sleep(20);
    }
  }
}
