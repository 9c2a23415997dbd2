package io.argus.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StageLatenciesTest {

  private static final long START = 1_780_000_000_000_000L;

  @Test
  void shouldCountAScoreSeenBeforeItsFeaturesAsNoTimeInTheFirstSeconds() {
    Observations seen = new Observations(3);
    // Each topic has its own reader: the scores' reader came back from its poll before the features' reader did.
    see(seen, 0, 0, 5_000, 9_000, 8_000);
    see(seen, 1, 100_000, 120_000, 130_000, 150_000);
    // Its features were never seen.
    see(seen, 2, 1_200_000, 1_203_000, 0, 1_210_000);

    StageLatencies latencies = StageLatencies.of(seen, 0);

    List<long[]> seconds = latencies.firstSeconds();
    assertThat(seconds).hasSize(2);
    assertThat(seconds.get(0)).as("second, sent, end to end, validator, features, scorer")
        .containsExactly(0, 2, 50_000, 20_000, 10_000, 20_000);
    assertThat(seconds.get(1)).containsExactly(1, 1, 10_000, 3_000, -1, -1);
    assertThat(latencies.stages().get("scorer").count()).as("the stage table leaves out the one not seen").isEqualTo(2);
  }

  private static void see(Observations seen, int number, long sent, long validated, long featured, long scored) {
    seen.sent(number, START + sent);
    seen.validated(number, START + validated, (START + validated) / 1_000);
    if (featured > 0) {
      seen.featured(number, START + featured, (START + featured) / 1_000);
    }
    seen.scored(number, START + scored, (START + scored) / 1_000, false);
  }
}
