package io.argus.trainer.registry;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The promotion rule: a challenger replaces the champion only if its average precision on the evaluation window is
 * higher than the champion's on the same window (average precision, because fraud operations work the top of the
 * ranking and it is the literature's headline metric under heavy class imbalance). With no champion, or one that no
 * longer loads, the challenger is promoted.
 */
public final class ChampionChallenger {

  public static final String METRIC = "average_precision";

  private ChampionChallenger() {
  }

  /** What was decided and why, in one sentence. */
  public record Decision(boolean promote, double challengerScore, OptionalDouble championScore, String reason) {
  }

  public static Decision decide(double challengerAveragePrecision, OptionalDouble championAveragePrecision) {
    if (Double.isNaN(challengerAveragePrecision)) {
      return new Decision(false, challengerAveragePrecision, championAveragePrecision,
          "challenger has no average precision (no fraud in the evaluation window)");
    }
    if (championAveragePrecision.isEmpty()) {
      return new Decision(true, challengerAveragePrecision, championAveragePrecision,
          String.format(Locale.ROOT, "no champion: promoted with %s %.4f", METRIC, challengerAveragePrecision));
    }
    double champion = championAveragePrecision.getAsDouble();
    boolean better = challengerAveragePrecision > champion;
    return new Decision(better, challengerAveragePrecision, championAveragePrecision, String.format(Locale.ROOT,
        "%s %.4f vs champion %.4f on the same window: %s", METRIC, challengerAveragePrecision, champion,
        better ? "promoted" : "champion kept"));
  }
}
