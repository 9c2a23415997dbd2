package io.argus.forecaster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * How a backtest is reported: a readable table, then one line of JSON with the same figures, shaped
 * {@code {"methods": {"seasonal_naive": {"mase": …, "smape": …, "coverage": …, "origins": …, "fits": …,
 * "intervals": …, "fit_seconds": …}, …}, "skipped": {"lstm": "needs …"}, "best": …, "series": {…}}}. A skipped
 * method is listed with its reason in both.
 */
public final class BacktestReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BacktestReport() {
  }

  /** The table: one row per scored method, a line per skipped one, then each method's MASE against seasonal naive's. */
  public static String table(String series, Backtest.Result result) {
    Backtest.Settings settings = result.settings();
    int[] origins = result.origins();
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%s: %,d points, period %d, horizon %d, %d origins from point %,d every "
            + "%d, %s, %.0f%% intervals%n%n", series, result.points(), settings.period(), settings.horizon(),
        origins.length, origins[0], settings.stride(), refits(settings), settings.level() * 100));
    table.append(String.format(Locale.ROOT, "%-20s %7s %8s %9s %9s %-15s %8s%n", "method", "origins", "MASE",
        "sMAPE %", "coverage", "intervals", "fit s"));
    for (Backtest.Score score : result.scores()) {
      table.append(String.format(Locale.ROOT, "%-20s %7d %8.3f %9.2f %9.3f %-15s %8.1f%n", score.method(),
          score.origins(), score.mase(), score.smape(), score.coverage(), score.intervals(), score.fitSeconds()));
    }
    for (Backtest.Skipped skipped : result.skipped()) {
      table.append(String.format(Locale.ROOT, "%-20s skipped: %s%n", skipped.method(), skipped.reason()));
    }
    result.score(SeasonalNaive.NAME).ifPresent(naive -> {
      for (Backtest.Score score : result.scores()) {
        if (score != naive) {
          double[] common = Backtest.Result.onCommonOrigins(score, naive);
          table.append(String.format(Locale.ROOT, "%n%s: MASE %.1f%% %s than seasonal naive", score.method(),
              Math.abs(100 * (1 - common[0] / common[1])), common[0] <= common[1] ? "lower" : "higher"));
          if (common[2] != naive.origins()) {
            table.append(String.format(Locale.ROOT, " (on the %d origins both forecast from)", (int) common[2]));
          }
        }
      }
      table.append(System.lineSeparator());
    });
    return table.toString();
  }

  /** The one line of JSON. */
  public static String json(Backtest.Result result) {
    Backtest.Settings settings = result.settings();
    ObjectNode root = JSON.createObjectNode();
    ObjectNode methods = root.putObject("methods");
    for (Backtest.Score score : result.scores()) {
      methods.putObject(score.method())
          .put("mase", score.mase())
          .put("smape", score.smape())
          .put("coverage", score.coverage())
          .put("origins", score.origins())
          .put("fits", score.fits())
          .put("intervals", score.intervals())
          .put("fit_seconds", score.fitSeconds());
    }
    ObjectNode skipped = root.putObject("skipped");
    for (Backtest.Skipped method : result.skipped()) {
      skipped.put(method.method(), method.reason());
    }
    result.best().ifPresent(best -> root.put("best", best.method()));
    root.putObject("series")
        .put("points", result.points())
        .put("period", settings.period())
        .put("horizon", settings.horizon())
        .put("level", settings.level())
        .put("origins", result.origins().length)
        .put("first_origin", result.origins()[0])
        .put("stride", settings.stride())
        .put("refit_every", settings.refitEvery());
    return root.toString();
  }

  private static String refits(Backtest.Settings settings) {
    return settings.refitEvery() == 0 ? "each method fitted once"
        : String.format(Locale.ROOT, "refitted every %d points", settings.refitEvery());
  }
}
