package io.argus.trainer.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.features.offline.EvaluationProtocol;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A retraining judges the challenger on the newest test window whose labels have all been reported. */
class OfflineRetrainingTest {

  /** Validation 3 days, train 7, labels take 7 days, test 3. */
  private static final EvaluationProtocol SHAPE = new EvaluationProtocol(LocalDate.of(2000, 1, 1), 7, 7, 3, 3);
  private static final Instant NOW = Instant.parse("2026-11-25T15:30:00Z");

  @Test
  void shouldEndTheTestWindowTheLabelDelayBeforeToday() {
    OfflineRetraining retraining = new OfflineRetraining(null, null, null, SHAPE);

    EvaluationProtocol protocol = retraining.protocolAt(NOW);

    assertThat(protocol.testTo()).isEqualTo(LocalDate.of(2026, 11, 18));
    assertThat(protocol.testFrom()).isEqualTo(LocalDate.of(2026, 11, 15));
    assertThat(protocol.trainTo()).isEqualTo(LocalDate.of(2026, 11, 8));
    assertThat(protocol.trainFrom()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(protocol.validationFrom()).isEqualTo(LocalDate.of(2026, 10, 29));
    assertThat(protocol.testWindow().to()).as("the last transaction tested was labelled by now")
        .isBeforeOrEqualTo(NOW.minus(Duration.ofDays(SHAPE.delayDays())));
  }
}
