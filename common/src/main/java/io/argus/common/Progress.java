package io.argus.common;

/**
 * One piece of long work in progress, as a {@link ProgressListener} returned it: the work reports each step and may
 * say how it is going; closing it says the work ended. Called from the one thread doing the work; cheap enough to
 * call per record.
 */
public interface Progress extends AutoCloseable {

  /** Ignores everything. */
  Progress SILENT = new Progress() {
    @Override
    public void step(long count) {
    }

    @Override
    public void status(String text) {
    }

    @Override
    public void close() {
    }
  };

  /** {@code count} more units of the work are done. */
  void step(long count);

  /** How the work is going, in a few words, for example {@code "loss 0.231 | val AP 0.61"}; {@code null} for none. */
  void status(String text);

  /** The work ended. */
  @Override
  void close();
}
