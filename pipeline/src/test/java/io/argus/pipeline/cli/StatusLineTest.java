package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The status line: a plain line off a terminal; on one, drawn over the last and cut to the width. */
class StatusLineTest {

  @Test
  void shouldPrintAPlainLineWhenTheConsoleIsNotATerminal() {
    assertThat(StatusLine.render("x".repeat(300), false, 80)).isEqualTo("x".repeat(300) + System.lineSeparator());
  }

  @Test
  void shouldRedrawInPlaceCutToTheWidthOnATerminal() {
    assertThat(StatusLine.render("in 200/s", true, 80)).isEqualTo("\r\u001B[Kin 200/s");
    assertThat(StatusLine.render("y".repeat(100), true, 80)).isEqualTo("\r\u001B[K" + "y".repeat(76) + "...")
        .hasSize(LogFile.CLEAR_LINE.length() + 79);
  }

  @Test
  void shouldReadTheWidthFromColumnsOrUseADefault() {
    assertThat(StatusLine.columns("200")).isEqualTo(200);
    assertThat(StatusLine.columns(null)).isEqualTo(120);
    assertThat(StatusLine.columns("wide")).isEqualTo(120);
    assertThat(StatusLine.columns("5")).isEqualTo(120);
  }
}
