package io.argus.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

@SuppressWarnings("removal")
class ProgressBarTest {

  @Test
  void shouldShowRateAndEta() {
    String line = renderAfter(250, 1000, 5.0);

    assertThat(line).contains("25.0%").contains("250/1,000 records").contains("50 records/s").contains("ETA 15s");
  }

  @Test
  void shouldOmitEtaWhenTotalUnknown() {
    String line = renderAfter(42, 0, 2.0);

    assertThat(line).contains("42 records").contains("21 records/s").doesNotContain("ETA");
  }

  /** Renders a bar at a chosen elapsed time, so the test needs no clock. */
  private static String renderAfter(long done, long total, double elapsedSeconds) {
    ProgressBar bar = new ProgressBar("test", total, "records", new PrintStream(new ByteArrayOutputStream()), false, 0);
    bar.step(done);
    return bar.render((long) (elapsedSeconds * 1e9));
  }
}
