package io.argus.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcPausesTest {

  @Test
  void shouldRecordWhenEachOfThisJvmsCollectionsWasAndHowLong() throws InterruptedException {
    long before = System.currentTimeMillis() * 1_000;
    try (GcPauses gc = new GcPauses()) {
      System.gc();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (gc.count() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10); // the notification comes from the JVM's service thread: leave it the core
      }
      List<long[]> pauses = gc.pauses();
      assertThat(pauses).as("the notification of System.gc()'s collection").isNotEmpty();
      long after = System.currentTimeMillis() * 1_000;
      // the JVM's uptime clock and the wall clock may differ by a little
      assertThat(pauses.get(0)[0]).as("its start, epoch microseconds").isBetween(before - 1_000_000, after + 1_000_000);
      assertThat(pauses.get(0)[1]).isBetween(pauses.get(0)[0], after + 1_000_000);
      // more collections may have been noted since the list was taken
      long longest = gc.longestMillis();
      assertThat(longest).isGreaterThanOrEqualTo((pauses.get(0)[1] - pauses.get(0)[0]) / 1_000);
      assertThat(gc.totalMillis()).isGreaterThanOrEqualTo(longest);
      assertThat(gc.count()).isGreaterThanOrEqualTo(pauses.size());
    }
  }
}
