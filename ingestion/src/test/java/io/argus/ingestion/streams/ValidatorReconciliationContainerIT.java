package io.argus.ingestion.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The reconciliation scenario against Apache Kafka in a container; skipped where Docker is not available. */
@Testcontainers(disabledWithoutDocker = true)
class ValidatorReconciliationContainerIT {

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

  @TempDir
  Path stateDir;

  @Test
  void shouldAccountForEveryRawRecordAsValidatedOrDeadLettered() throws Exception {
    ValidatorReconciliation.Counts counts = ValidatorReconciliation.run(KAFKA.getBootstrapServers(), stateDir);

    assertThat(counts.validated() + counts.deadLettered()).as("validated + dead-lettered").isEqualTo(counts.sent());
    assertThat(counts.counted()).as("the validator's own count").isEqualTo(counts.sent());
  }
}
