package io.argus.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.common.Progress;
import io.argus.common.ProgressListener;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo's status line: rates since the previous line, lag, the serving model, the retraining as it goes. */
class DemoStatusTest {

  private static final long SECOND = 1_000_000_000L;
  private static final Instant NOW = Instant.parse("2026-11-25T14:02:11Z");

  private final FakeCounters counters = new FakeCounters();
  private final DemoStatus status = new DemoStatus(counters, ProgressListener.SILENT, 0, ZoneOffset.UTC);

  @Test
  void shouldReportRatesSinceThePreviousLineAndTheLag() {
    counters.validated = 1_000;
    counters.scored = 980;
    String first = status.line(2 * SECOND, NOW);
    counters.validated = 1_600;
    counters.scored = 1_580;
    String second = status.line(4 * SECOND, NOW.plusSeconds(2));

    assertThat(first).isEqualTo("14:02:11 | event 2026-11-02 14:00Z | in 500/s | scored 490/s | lag 20 | alerts 45 "
        + "| rejected 3 | model none yet | retraining: nothing decided yet");
    assertThat(second).startsWith("14:02:13 | event 2026-11-02 14:00Z | in 300/s | scored 300/s | lag 20 |");
  }

  @Test
  void shouldShowTheModelAndTheRetrainingEpochWhileItTrainsThenItsLastDecision() {
    counters.model = Optional.of("lstm v2");
    counters.decision = Optional.of("retraining lstm: challenger v3 rejected: champion kept");

    String training;
    try (Progress epoch = status.start("lstm epoch 3/15", 40, "batches")) {
      epoch.step(10);
      training = status.line(SECOND, NOW);
    }
    String after = status.line(2 * SECOND, NOW);

    assertThat(training).endsWith("| model lstm v2 | retraining: lstm epoch 3/15 25%");
    assertThat(after).endsWith("| model lstm v2 | retraining lstm: challenger v3 rejected: champion kept");
  }

  private static final class FakeCounters implements DemoStatus.Counters {
    long validated;
    long scored;
    Optional<String> model = Optional.empty();
    Optional<String> decision = Optional.empty();

    @Override
    public long validated() {
      return validated;
    }

    @Override
    public long deadLettered() {
      return 3;
    }

    @Override
    public long scored() {
      return scored;
    }

    @Override
    public long alerts() {
      return 45;
    }

    @Override
    public Optional<String> model() {
      return model;
    }

    @Override
    public Instant eventTime() {
      return Instant.parse("2026-11-02T14:00:59Z");
    }

    @Override
    public Optional<String> retrainingDecision() {
      return decision;
    }
  }
}
