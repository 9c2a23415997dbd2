package io.argus.ingestion.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciliation scenario on the embedded KRaft broker. */
class ValidatorReconciliationIT {

  @TempDir
  static Path directory;

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(0, directory.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldAccountForEveryRawRecordAsValidatedOrDeadLettered() throws Exception {
    ValidatorReconciliation.Counts counts = ValidatorReconciliation.run(broker.bootstrap(), directory.resolve("streams"));

    assertThat(counts.validated() + counts.deadLettered()).as("validated + dead-lettered").isEqualTo(counts.sent());
    assertThat(counts.counted()).as("the validator's own count").isEqualTo(counts.sent());
  }
}
