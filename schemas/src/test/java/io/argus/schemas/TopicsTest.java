package io.argus.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.Severity;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldHaveUniqueTopicNames() {
    assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates().hasSize(12);
  }

  @Test
  void shouldCompactOnlyLatestStateTopics() {
    assertThat(Topics.ALL).filteredOn(t -> t.cleanupPolicy() == Topic.CleanupPolicy.COMPACT)
        .extracting(Topic::name).containsExactlyInAnyOrder("forecasts", "model-releases", "rules");
    assertThat(Topics.TRANSACTIONS_DLQ.configs()).containsEntry("retention.ms", Long.toString(30L * 86_400_000));
  }

  @Test
  void shouldKeepTheCaseDecisionAuditTrailForYearsAndEveryRuleById() {
    assertThat(Topics.CASE_DECISIONS.name()).isEqualTo("case-decisions");
    assertThat(Topics.CASE_DECISIONS.configs()).containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(2_557L * 86_400_000));
    assertThat(Topics.RULES.name()).isEqualTo("rules");
    assertThat(Topics.RULES.partitions()).isEqualTo(1);
    assertThat(Topics.ALL).contains(Topics.RULES, Topics.CASE_DECISIONS);
  }

  @Test
  void shouldIndexEveryTopicFinelyEnoughForAFetchToReadFewBatchHeaders() {
    assertThat(Topics.ALL).allSatisfy(topic -> assertThat(topic.configs())
        .containsEntry("index.interval.bytes", "1024").containsKey("cleanup.policy"));
    assertThat(Topics.TRANSACTIONS_RAW.configs()).doesNotContainKey("retention.ms");
  }

  @Test
  void shouldRoundTripThroughTopicSerde() {
    Alert alert = Alert.newBuilder().setAlertId("a-1").setKind(AlertKind.MODEL).setSeverity(Severity.INFO)
        .setMessage("promoted").setCreatedAt(Instant.parse("2026-11-25T00:00:00Z"))
        .setReferences(Map.of("modelVersion", "v3")).build();

    byte[] bytes = Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert);

    assertThat(Topics.ALERTS.valueSerde().deserializer().deserialize(Topics.ALERTS.name(), bytes)).isEqualTo(alert);
  }
}
