package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.RiskRule;
import io.argus.avro.RuleAction;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.embedded.TopicReader;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code argus rules publish, list, retire} against an embedded broker. */
class RulesCommandIT {

  @TempDir
  static Path directory;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(0, directory.resolve("kafka"));
    TopicAdmin.createAll(broker.bootstrap());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldPublishNewVersionsListTheRulesInForceAndRetireOne() {
    String bootstrap = broker.bootstrap();
    CommandRun first = CommandRun.of("rules", "publish", "--bootstrap", bootstrap, "--id", "big-amount", "--rule",
        "TX_AMOUNT > 220.0", "--action", "REVIEW", "--author", "ana", "--description", "large for this population");
    CommandRun second = CommandRun.of("rules", "publish", "--bootstrap", bootstrap, "--id", "big-amount", "--rule",
        "TX_AMOUNT > 500.0", "--action", "DECLINE", "--author", "bo");
    CommandRun night = CommandRun.of("rules", "publish", "--bootstrap", bootstrap, "--id", "night", "--rule",
        "event_time.getHours('UTC') < 6 && TX_AMOUNT > 100.0", "--action", "REVIEW", "--author", "ana");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out().strip()).isEqualTo("published big-amount v1 (REVIEW: TX_AMOUNT > 220.0) by ana");
    assertThat(second.out().strip()).isEqualTo("published big-amount v2 (DECLINE: TX_AMOUNT > 500.0) by bo; "
        + "replaces v1");
    assertThat(night.exitCode()).isZero();

    CommandRun listed = CommandRun.of("rules", "list", "--bootstrap", bootstrap);
    assertThat(listed.exitCode()).isZero();
    List<String> lines = listed.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("big-amount").contains(" 2 ", "DECLINE", "bo", "TX_AMOUNT > 500.0");
    assertThat(lines.get(2)).startsWith("night");

    CommandRun retired = CommandRun.of("rules", "retire", "--bootstrap", bootstrap, "--id", "night");
    assertThat(retired.out().strip()).isEqualTo("retired night (was v1, REVIEW: event_time.getHours('UTC') < 6 && "
        + "TX_AMOUNT > 100.0)");
    assertThat(CommandRun.of("rules", "list", "--bootstrap", bootstrap).out().lines()).hasSize(2);

    List<ConsumerRecord<String, RiskRule>> records = TopicReader.read(bootstrap, Topics.RULES, record -> true, 4,
        Duration.ofSeconds(30), Duration.ZERO);
    assertThat(records).hasSize(4);
    assertThat(records.get(1).value().getAuthor()).isEqualTo("bo");
    assertThat(records.get(1).value().getAction()).isEqualTo(RuleAction.DECLINE);
    assertThat(records.get(3).key()).isEqualTo("night");
    assertThat(records.get(3).value()).isNull();
  }

  @Test
  void shouldRefuseABadRuleAndPublishNothing() {
    CommandRun refused = CommandRun.of("rules", "publish", "--bootstrap", broker.bootstrap(), "--id", "typo",
        "--rule", "TX_AMOUNTT > 1.0", "--action", "DECLINE");
    CommandRun unknown = CommandRun.of("rules", "retire", "--bootstrap", broker.bootstrap(), "--id", "never-was");

    assertThat(refused.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(refused.err().strip()).startsWith("argus: refused, nothing published: rule 'typo': 'TX_AMOUNTT' is "
        + "not a name rules know (did you mean 'TX_AMOUNT'?)");
    assertThat(unknown.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(unknown.err()).contains("no rule 'never-was' is in force");
    assertThat(TopicReader.read(broker.bootstrap(), Topics.RULES, record -> "typo".equals(record.key()), 1,
        Duration.ofSeconds(3), Duration.ZERO)).isEmpty();
  }
}
