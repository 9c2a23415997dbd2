package io.argus.model;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of fraud model Argus trains; the id is what artifacts, releases and the command line call them. */
public enum ModelFamily {
  /** An LSTM over the card's recent transactions, its last state merged with the static features. */
  LSTM,
  /** A self-attention encoder over the same sequence (positional channels, average pooling) plus the static features. */
  TRANSFORMER,
  /** A feed-forward network on the static features alone: the baseline. */
  MLP;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean usesSequence() {
    return this != MLP;
  }

  /** The family with this id; an {@link IllegalArgumentException} lists the known ids otherwise. */
  public static ModelFamily of(String id) {
    for (ModelFamily family : values()) {
      if (family.id().equals(id)) {
        return family;
      }
    }
    throw new IllegalArgumentException("unknown model family '" + id + "', expected one of "
        + Arrays.stream(values()).map(ModelFamily::id).toList());
  }
}
