package io.argus.model.network;

/**
 * The sequence stage of a neural fraud model in plain Java: prepared steps ({@link SequenceLayout}) to a fixed-size
 * encoding. Implementations keep scratch buffers, so they are not thread-safe: {@link #copy()} per thread.
 */
public interface SequenceEncoder {

  int outputSize();

  /** Encodes {@code steps[step][channel]} into {@code out} (length {@link #outputSize()}). */
  void encode(double[][] steps, double[] out);

  /**
   * The same, told that the first {@code leadingPadding} steps are the layout's padding (the same rows for every
   * sequence of that length): an encoder may start from a state it remembers after them. The result must equal
   * {@link #encode(double[][], double[])}'s.
   */
  default void encode(double[][] steps, int leadingPadding, double[] out) {
    encode(steps, out);
  }

  /** The same weights with fresh scratch buffers. */
  SequenceEncoder copy();
}
