package io.argus.common;

/**
 * Where library code reports the progress of long work (training epochs, benchmarks, file runs) instead of printing
 * it: the library calls {@link #start} when a piece of work begins and reports its steps to the {@link Progress} it
 * gets back; the command line passes a listener that draws a bar, tests and services pass {@link #SILENT}.
 *
 * <pre>{@code
 * try (Progress progress = listener.start("lstm epoch 1/20", batches, "batches")) {
 *   for (...) { progress.step(1); }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

  /** Hears nothing: for tests, services and any caller that shows no progress. */
  ProgressListener SILENT = (label, total, unit) -> Progress.SILENT;

  /**
   * A piece of long work begins.
   *
   * @param label what the work is, for example {@code "writing the backlog"}
   * @param total how many units the work holds; 0 or less when unknown
   * @param unit what one step counts, for example {@code "vectors"}
   * @return where the work reports its steps; closed when the work ends
   */
  Progress start(String label, long total, String unit);
}
