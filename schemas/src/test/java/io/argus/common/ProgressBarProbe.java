package io.argus.common;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Renders a bar at a chosen elapsed time, so tests need no clock. */
public final class ProgressBarProbe {
  private ProgressBarProbe() {
  }

  public static String renderAfter(long done, long total, double elapsedSeconds) {
    ProgressBar bar = new ProgressBar("test", total, "records", new PrintStream(new ByteArrayOutputStream()), false, 0);
    bar.step(0);
    for (long i = 0; i < done; i++) {
      bar.step(1);
    }
    return bar.render((long) (elapsedSeconds * 1e9));
  }
}
