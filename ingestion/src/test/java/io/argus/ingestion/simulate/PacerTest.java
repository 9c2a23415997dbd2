package io.argus.ingestion.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private final List<Duration> sleeps = new ArrayList<>();

  @Test
  void shouldNotWaitForHistoryWithoutARate() throws InterruptedException {
    Pacer pacer = new Pacer(0, true, Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);

    pacer.awaitTransaction(NOW.minus(Duration.ofDays(3)));
    pacer.awaitTransaction(NOW);

    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldWaitForTheEventTimeWhenLive() throws InterruptedException {
    Pacer pacer = new Pacer(0, true, Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);

    pacer.awaitTransaction(NOW.plusSeconds(5));

    assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void shouldIgnoreEventTimesWhenNotLive() throws InterruptedException {
    Pacer pacer = new Pacer(0, false, Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);

    pacer.awaitTransaction(NOW.plus(Duration.ofDays(1)));

    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldSpaceTransactionsAtTheRate() throws InterruptedException {
    Pacer pacer = new Pacer(2, false, Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);

    for (int i = 0; i < 3; i++) {
      pacer.awaitTransaction(NOW);
    }

    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(1)).isGreaterThan(Duration.ofMillis(900)).isLessThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldRefuseANegativeRate() {
    assertThatThrownBy(() -> Pacer.of(-1, false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
