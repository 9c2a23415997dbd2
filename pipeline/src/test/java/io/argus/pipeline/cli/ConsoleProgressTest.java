package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @Test
  void shouldShowRateAndEta() {
    ConsoleProgress.Bar bar = progress(false).start("ingest", 1000, "records");
    bar.step(250);

    assertThat(bar.render(5 * SECOND)).isEqualTo("ingest [########......................]  25.0% 250/1,000 records "
        + "| 50 records/s | elapsed 5s | ETA 15s");
  }

  @Test
  void shouldOmitTheEtaWhenTheTotalIsUnknown() {
    ConsoleProgress.Bar bar = progress(false).start("reading", 0, "rows");
    bar.step(42);

    assertThat(bar.render(2 * SECOND)).isEqualTo("reading 42 rows | 21 rows/s | elapsed 2s");
  }

  @Test
  void shouldAppendTheStatusTheWorkReports() {
    ConsoleProgress.Bar bar = progress(false).start("lstm epoch 1/3", 10, "batches");
    bar.step(10);
    bar.status("loss 0.2310");

    assertThat(bar.render(65 * SECOND)).endsWith("| elapsed 1m05s | loss 0.2310");
  }

  @Test
  void shouldPrintAPlainLineEveryTenSecondsAndALastOneWhenNotOnATerminal() {
    try (ConsoleProgress.Bar bar = progress(false).start("simulate", 100, "days")) {
      now.set(9 * SECOND);
      bar.step(10);
      now.set(10 * SECOND);
      bar.step(10);
      now.set(15 * SECOND);
      bar.advanceTo(60);
      assertThat(bar.done()).isEqualTo(60);
    }

    assertThat(output()).isEqualTo(String.join(System.lineSeparator(),
        "simulate [######........................]  20.0% 20/100 days | 2 days/s | elapsed 10s | ETA 40s",
        "simulate [##################............]  60.0% 60/100 days | 4 days/s | elapsed 15s | ETA 10s", ""));
  }

  @Test
  void shouldRedrawInPlaceOnATerminal() {
    try (ConsoleProgress.Bar bar = progress(true).start("train", 4, "batches")) {
      now.set(SECOND / 10);
      bar.step(1);
      now.set(SECOND);
      bar.step(3);
    }

    String line = "train [##############################] 100.0% 4/4 batches | 4 batches/s | elapsed 1s";
    assertThat(output()).isEqualTo("\r" + line + "\r" + line + System.lineSeparator());
  }

  private ConsoleProgress progress(boolean terminal) {
    return new ConsoleProgress(new PrintStream(printed, true, StandardCharsets.UTF_8), terminal, now::get);
  }

  private String output() {
    return printed.toString(StandardCharsets.UTF_8);
  }
}
